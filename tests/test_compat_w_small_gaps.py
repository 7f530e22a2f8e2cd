"""Small TF1 behaviours the v-probe tester met in tutorial programs: ``tf.logging`` writes TF1's lines, a reduction
axis given as a constant tensor, ``minimize``'s gating options and ``GraphKeys.TRAIN_OP``, ``saver.last_checkpoints``,
TF1's ``NotFoundError`` for a variable missing from a checkpoint, ``tf.layers.dropout(training=<tensor>)``,
``tf.nn.swish`` and ``tf.train.global_step``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import os

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.fixture
def verbosity():
    level = tf.logging.get_verbosity()
    yield
    tf.logging.set_verbosity(level)


def test_logging_writes_tf1s_lines(capsys, verbosity):
    tf.logging.set_verbosity(tf.logging.WARN)
    tf.logging.info("before %d", 1)
    tf.logging.warning("warn before")
    tf.logging.set_verbosity(tf.logging.INFO)
    tf.logging.info("hi %d", 3)
    tf.logging.warn("warn2")
    tf.logging.error("err")
    tf.logging.debug("dbg")
    tf.logging.set_verbosity(tf.logging.ERROR)
    tf.logging.warning("hidden")
    # TF 2.21 tf.compat.v1
    assert capsys.readouterr().err == ("WARNING:tensorflow:warn before\nINFO:tensorflow:hi 3\n"
                                       "WARNING:tensorflow:warn2\nERROR:tensorflow:err\n")


def test_minimize_options_train_op_collection_and_tensor_axes():
    w = tf.Variable(1.0)
    frozen = tf.Variable(2.0, trainable=False)
    loss = tf.square(w * frozen - 3.0)
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    train = optimizer.minimize(loss, var_list=[w, frozen])
    gated = optimizer.minimize(loss, gate_gradients=tf.train.Optimizer.GATE_NONE, colocate_gradients_with_ops=True,
                               aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    assert [train.name, gated.name] == ["GradientDescent", "GradientDescent_1"]  # TF 2.21 tf.compat.v1
    assert tf.get_collection(tf.GraphKeys.TRAIN_OP) == [train, gated]
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        assert sess.run([w, frozen]) == [np.float32(1.4), np.float32(2.2)]  # TF 2.21 tf.compat.v1
        assert sess.run(tf.reduce_sum(x, axis=tf.constant(1))).tolist() == [3.0, 7.0]
        assert sess.run(tf.reduce_mean(x, tf.constant([0, 1]))) == 2.5


def test_last_checkpoints_and_a_missing_variable(tmp_path):
    w = tf.Variable([1.0, 2.0], name="w")
    step = tf.train.get_or_create_global_step()
    count = tf.assign_add(step, 1)
    saver = tf.train.Saver(max_to_keep=3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(5):
            sess.run(count)
            saver.save(sess, str(tmp_path / "model"), global_step=step)
        assert tf.train.global_step(sess, step) == 5
    # TF 2.21 tf.compat.v1
    assert [os.path.basename(p) for p in saver.last_checkpoints] == ["model-3", "model-4", "model-5"]
    tf.reset_default_graph()
    tf.Variable([0.0, 0.0], name="w")
    tf.Variable(5.0, name="c")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError, match=r"variables \['c'\] are not in it"):  # TF 2.21's class
            tf.train.Saver().restore(sess, str(tmp_path / "model-5"))


def test_layers_dropout_with_a_training_tensor_and_swish():
    x = tf.constant(np.ones((4, 50), np.float32))
    training = tf.placeholder_with_default(False, shape=())
    dropped = tf.layers.dropout(x, 0.5, training=training)
    z = tf.Variable([-2.0, 0.5, 3.0])
    swished = tf.nn.swish(z)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert (sess.run(dropped) == 1.0).all()  # not training: the inputs unchanged
        kept = sess.run(dropped, {training: True})
        assert set(np.unique(kept)) <= {0.0, 2.0} and 0 < (kept == 0).sum() < kept.size  # dropped and scaled by 2
        value, grad = sess.run([swished, tf.gradients(tf.reduce_sum(swished), z)[0]])
    # TF 2.21 tf.compat.v1
    np.testing.assert_allclose(value, [-0.23840583860874176, 0.3112296760082245, 2.857722282409668], rtol=2e-7)
    np.testing.assert_allclose(grad, [-0.09078425168991089, 0.7399612069129944, 1.0881041288375854], rtol=2e-7)


def test_a_fixed_size_mismatch_is_tf1s_error():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 3 and 2"):  # TF 2.21 tf.compat.v1
        tf.constant([1.0, 2.0, 3.0]) * v


def test_feeding_a_variable_that_the_run_trains_is_refused_before_anything_changes():
    w = tf.Variable([1.0, 2.0], name="w")
    x = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(x * w, 1) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(loss, {x: [[1.0, 1.0]], w: [0.5, 0.5]}) == 0.0  # feeding a variable to read it: allowed
        for fetch in (train, [train, loss], tf.group(train)):
            # TF 2.21 tf.compat.v1: InvalidArgumentError "... incompatible with expected float_ref"
            with pytest.raises(tf.errors.InvalidArgumentError, match="float_ref"):
                sess.run(fetch, {x: [[1.0, 1.0]], w: [0.5, 0.5]})
        assert sess.run(w).tolist() == [1.0, 2.0]


def test_a_dropout_rate_outside_0_1_and_a_float_assigned_to_an_int_are_refused_as_tf1():
    x = tf.constant([1.0, 2.0])
    for kwargs, rate in (({"keep_prob": 1.5}, "-0.5"), ({"keep_prob": 0.0}, "1.0"), ({"rate": -0.1}, "-0.1")):
        with pytest.raises(ValueError, match=rf"in the range \[0, 1\). Received: rate={rate}"):  # TF 2.21's words
            tf.nn.dropout(x, **kwargs)
    counts = tf.Variable([1, 2])
    with pytest.raises(TypeError, match="Expected int32, "):  # TF 2.21 tf.compat.v1: Expected int32, but got 1.5 ...
        tf.assign(counts, [1.5, 2.5])
    assert tf.nn.dropout(x, keep_prob=1.0) is x
