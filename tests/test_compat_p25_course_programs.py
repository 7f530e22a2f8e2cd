"""TF1 programs from courses (deeplearning.ai, CS20SI, Udacity; probe25): each found where symopt.compat.v1 parted
from TF1.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_mean_of_an_integer_tensor_is_truncated_also_where_other_ops_read_it():
    """P25-1: fetched alone the integer mean was TF1's, read by another op it was the exact fraction (a learner's
    ``tf.reduce_mean(tf.cast(correct, tf.int32)) * 100`` printed 75 where TF1 prints 0)."""
    x = tf.placeholder(tf.int32, [None])
    m = tf.reduce_mean(x)
    img, y = tf.placeholder(tf.uint8, [None, 3]), tf.placeholder(tf.int64, [None, 2])
    with tf.Session() as sess:
        # TF 2.21 compat.v1: [0, 0, 0.0, False, True], [1. 2. 127.], [10 10], -3, 255, [10 20]
        assert sess.run([m, m * 100, tf.cast(m, tf.float32), m > 0, tf.equal(m, 0)], {x: [1, 1, 1, 0]}) == \
            [0, 0, 0.0, False, True]
        assert sess.run(tf.cast(tf.reduce_mean(img, 0), tf.float32),
                        {img: np.array([[1, 2, 255], [2, 2, 0]], np.uint8)}).tolist() == [1.0, 2.0, 127.0]
        assert sess.run(tf.reduce_mean(y, 0) * 10, {y: [[1, 1], [1, 2]]}).tolist() == [10, 10]
        assert sess.run(tf.reduce_mean(tf.constant([-3, -4]))) == -3  # toward zero
        assert sess.run(tf.reduce_mean(tf.constant(np.array([255, 255], np.uint8)))) == 255  # no wrap in the sum
        assert sess.run(tf.reduce_mean(tf.constant([[1, 2], [2, 2]]), 0) * 10).tolist() == [10, 20]
        assert sess.run(tf.reduce_mean(tf.constant([[1.0, 2.0], [2.0, 2.0]]), 0)).tolist() == [1.5, 2.0]


def test_slicing_the_examples_of_a_course_layout_tensor_says_columns():
    """P25-3: with the examples as columns (``X: [n_x, None]``), ``A[:, :2]`` was refused as "slicing rows" with the
    advice to "slice the columns (x[:, 1:3])", the slice refused."""
    import pytest
    from symopt.errors import UnsupportedOperationError
    X = tf.placeholder(tf.float32, shape=(3, None))
    A = tf.sigmoid(X)
    with pytest.raises(UnsupportedOperationError, match=r"the columns\).*Slice the other dimension \(x\[1:3, :\]\)"
                                                        r".*fixed number of columns"):
        A[:, :2]
    with tf.Session() as sess:  # one example works in both (TF 2.21 compat.v1: [0.5 0.5 0.5])
        assert sess.run(A[:, 0], {X: np.zeros((3, 4))}).tolist() == [0.5, 0.5, 0.5]


def test_course_refusals_say_what_to_write_instead(tmp_path):
    """P25-4: the "is my GPU used?" cell (``from tensorflow.python.client import device_lib``), ``tf.data`` (CS20
    2018) and ``AdagradDAOptimizer`` (CS20SI's list of ten) were refused without a way forward the layer has."""
    import subprocess
    import sys
    import pytest
    from symopt.compat.v1.errors import UnsupportedNameError
    with pytest.raises(UnsupportedNameError, match=r"feed_dict: order = np.random.permutation"):
        tf.data.Dataset
    with pytest.raises(UnsupportedNameError, match="ProximalAdagradOptimizer"):
        tf.train.AdagradDAOptimizer
    program = tmp_path / "devices.py"
    program.write_text("try:\n    from tensorflow.python.client import device_lib\nexcept ModuleNotFoundError as e:\n"
                       "    print(e)\nimport tensorflow as tf\nprint(len(tf.Session().list_devices()))\n")
    done = subprocess.run([sys.executable, "-m", "symopt", "tf1", str(program)], capture_output=True, text=True)
    assert done.returncode == 0 and "tf.Session().list_devices()" in done.stdout and done.stdout.endswith("1\n")


def test_a_rank_4_variable_from_get_variable_is_the_layers_rank_refusal_whatever_its_initializer():
    """P25-5: the CNN course's conv filter ``tf.get_variable("W1", [4, 4, 3, 8], initializer=...)`` raised a
    ShapeError naming W1/Initializer/random_uniform with a random or the default initializer."""
    import pytest
    from symopt.errors import UnsupportedOperationError
    for name, initializer in (("W1", tf.glorot_uniform_initializer(seed=0)), ("W2", None),
                              ("W3", tf.zeros_initializer())):
        with pytest.raises(UnsupportedOperationError, match=rf"tf.get_variable {name} of shape \[4, 4, 3, 8\]: only "
                                                            "ranks 0, 1 and 2"):
            tf.get_variable(name, [4, 4, 3, 8], initializer=initializer)
    assert tf.global_variables() == []


def test_labels_left_untransposed_beside_transposed_logits_say_so():
    """P25-2: C2W3's classic slip transposes the logits and not the labels, (?, 3) against (3, ?): symopt refused
    with internal op names and advised declaring X with 3 examples; TF1 says at the run that logits and labels must
    be broadcastable.  The refusal now says it, and to transpose."""
    import pytest
    X, Y = tf.placeholder(tf.float32, [4, None], name="X"), tf.placeholder(tf.float32, [3, None], name="Y")
    Z3 = tf.matmul(tf.Variable(np.ones((3, 4), np.float32)), X)
    with pytest.raises(ValueError, match=r"logits and labels must be broadcastable: logits_size=\[\?,3\] "
                                         r"labels_size=\[3,\?\].*labels=tf.transpose\(Y\)"):
        tf.nn.softmax_cross_entropy_with_logits(logits=tf.transpose(Z3), labels=Y)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=tf.transpose(Z3), labels=tf.transpose(Y)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        labels = np.eye(3)[[0, 1, 2, 0, 1]].T
        assert np.isclose(sess.run(cost, {X: np.ones((4, 5)), Y: labels}), np.log(3.0))  # equal logits: log 3
