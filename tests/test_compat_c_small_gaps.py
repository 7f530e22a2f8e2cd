"""Small TF1 pieces as TF1 has them, and typed refusals that say what to write instead (v-probe V6, b-probe B1/B2,
the brief's tf.while_loop / import_meta_graph / layers.batch_normalization).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_make_callable_and_list_devices():
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(2.0)
    y = x * w
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.make_callable(y, [x])([1., 2.]), [2., 4.])  # TF 2.21 tf.compat.v1
        both = sess.make_callable([y, w], feed_list=[x])(np.float32([3.]))
        assert both[0].tolist() == [6.] and both[1] == 2.0
        assert sess.make_callable(w.initializer)() is None
        assert sess.make_callable({"a": y}, [x])([1.])["a"].tolist() == [2.]
        with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value"):
            sess.make_callable(y, [x])()  # TF 2.21: InvalidArgumentError too
        devices = sess.list_devices()
        assert (devices[0].name, devices[0].device_type) == ("/job:localhost/replica:0/task:0/device:CPU:0", "CPU")


def test_refusals_are_typed_and_say_what_to_write():
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable([[0.5], [-1.0]])
    y = tf.matmul(x, w)
    with tf.Session() as sess:
        with pytest.raises(UnsupportedOperationError, match="one sess.run"):
            sess.partial_run_setup([y], [x])
        with pytest.raises(UnsupportedOperationError, match="one sess.run"):
            sess.partial_run("handle", y, feed_dict={x: [[1., 2.]]})
    with pytest.raises(UnsupportedOperationError, match="ranks 0, 1 and 2"):
        tf.reshape(w, [2, 1, 1])
    with pytest.raises(UnsupportedOperationError, match=r"tf.reshape\(indices, \[-1\]\)"):
        tf.one_hot([[0, 2], [1, 1]], 3)
    with pytest.raises(UnsupportedOperationError, match="saver.restore"):
        tf.train.import_meta_graph("model.ckpt.meta")
    with pytest.raises(UnsupportedOperationError, match=r"tf.nn.moments\(x, \[0\]\)"):
        tf.layers.batch_normalization(x, training=True)
    with pytest.raises(UnsupportedOperationError, match="unroll"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])


def test_object_attributes_and_a_first_run_resume_as_tf1(tmp_path):
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable([[0.5], [-1.0]], caching_device="/cpu:0")  # accepted, as TF1 (constraint=: applied after
    # each update, tests/test_compat_c15_constraints.py)
    y = tf.matmul(x, w)
    tf.add_to_collection("mine", y)
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        # TF 2.21 tf.compat.v1
        assert (sess.sess_str, y.value_index, graph.is_feedable(y), graph.finalized) == (b"", 0, True, False)
        assert graph.get_all_collection_keys() == ["mine", "trainable_variables", "variables"]
        with pytest.raises(ValueError, match="Can't load save_path when it is None"):  # TF 2.21's words
            tf.train.Saver().restore(sess, tf.train.latest_checkpoint(str(tmp_path)))


def test_concat_along_a_constant_axis_tensor():
    X = tf.placeholder(tf.float32, [None, 2])
    joined = tf.concat([X, X], tf.constant(1))
    assert str(joined) == 'Tensor("concat:0", shape=(?, 4), dtype=float32)'  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        assert sess.run(joined, {X: [[1, 2]]}).tolist() == [[1.0, 2.0, 1.0, 2.0]]
    with pytest.raises(UnsupportedOperationError, match="known only when the graph runs"):
        tf.concat([X, X], tf.placeholder(tf.int32, []))


def test_reshapes_of_the_batch_that_tf1_checks_when_it_runs_are_typed_refusals():
    ids, H = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(UnsupportedOperationError, match=r"keep -1 for it"):
        tf.reshape(ids, [2, 2])  # TF1 builds it (static shape [2, 2]) and checks the count when it runs
    with pytest.raises(UnsupportedOperationError, match="pair up across examples"):
        tf.reshape(H, [-1, 4])  # TF1: works for an even batch
    with pytest.raises(ValueError, match="Cannot reshape a tensor with 6 elements"):
        tf.reshape(tf.zeros([2, 3]), [4, 2])  # TF1's error, as before


def test_saver_options_max_to_keep_none_and_pad_step_number(tmp_path):
    tf.Variable(1.0, name="w")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        every, none = tf.train.Saver(max_to_keep=None), tf.train.Saver(max_to_keep=0)
        for step in range(3):
            every.save(sess, str(tmp_path / "a"), global_step=step)
            none.save(sess, str(tmp_path / "b"), global_step=step)
        assert every.last_checkpoints == [] and none.last_checkpoints == []  # TF 2.21 tf.compat.v1
        assert (tmp_path / "a-0.npz").exists() or any(tmp_path.glob("a-0*"))  # every file kept
        path = tf.train.Saver(pad_step_number=True).save(sess, str(tmp_path / "p"), global_step=5)
        assert path.endswith("p-00000005") and tf.train.latest_checkpoint(str(tmp_path)) == path  # TF 2.21


def test_unstack_of_the_batch_with_num_is_a_typed_refusal():
    H = tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(UnsupportedOperationError, match=r"give the placeholder its size \(\[2, \.\.\.\]\)"):
        tf.unstack(H, num=2)  # TF1 splits the fed batch; it was a builtin ValueError here
    with pytest.raises(ValueError, match="Cannot infer argument `num`"):
        tf.unstack(H)  # TF1's error
