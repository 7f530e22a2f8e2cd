"""TF1's assertions (b-probe B3): ``tf.assert_*`` and ``tf.Assert`` as control inputs, checked when a run runs them,
with TF1's ``InvalidArgumentError`` text; the static ``assert_rank`` / ``assert_type``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_assertions_as_control_inputs_check_each_run():
    x = tf.placeholder(tf.float32, [None])
    positive = tf.assert_positive(x, message="x must be positive")
    with tf.control_dependencies([positive]):
        y = tf.identity(x) * 2.0
    ones = tf.assert_equal(x, tf.ones_like(x))
    everything = tf.Assert(tf.reduce_all(x > 0), [x], name="chk")
    below = tf.assert_less(x, 3.0)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y, {x: [1.0, 2.0]}), [2.0, 4.0])  # TF 2.21 tf.compat.v1
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[x must be positive\] "
                           r"\[Condition x > 0 did not hold element-wise:\] \[x \(Placeholder:0\) = \] \[1 -2\]"):
            sess.run(y, {x: [1.0, -2.0]})  # TF 2.21's words
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Condition x == y did not hold element-wise"):
            sess.run(ones, {x: [1.0, 3.0]})
        assert sess.run(ones, {x: [1.0, 1.0]}) is None
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[-1\]"):
            sess.run(everything, {x: [-1.0]})
        assert sess.run(below, {x: [1.0, 2.0]}) is None
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Condition x < y"):
            sess.run(below, {x: [1.0, 4.0]})


def test_static_rank_and_type_checks():
    x = tf.placeholder(tf.float32, [None])
    assert tf.assert_rank(x, 1).name == "assert_rank/static_checks_determined_all_ok"  # TF 2.21 tf.compat.v1
    with pytest.raises(ValueError, match=r"Tensor Placeholder:0 must have rank 2.  Received rank 1, shape \(\?,\)"):
        tf.assert_rank(x, 2)  # TF 2.21's message
    tf.assert_type(x, tf.float32)
    with pytest.raises(TypeError, match="must be of type"):
        tf.assert_type(x, tf.int32)
