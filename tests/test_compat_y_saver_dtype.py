"""``saver.restore`` into a variable of another dtype than the saved one is refused, as TF1 refuses it
(v-probe V5: symopt used to cast, truncating a float checkpoint into an int32 variable).  TF 2.21 tf.compat.v1:
``InvalidArgumentError: Restoring from checkpoint failed ... tensor_name = w; expected dtype int32 does not equal
original dtype float``; symopt names both dtypes)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture()
def float_checkpoint(tmp_path):
    tf.reset_default_graph()
    tf.Variable([1.5, -2.5], name="w")
    tf.Variable(3.0, name="b")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    yield path
    tf.reset_default_graph()


@pytest.mark.parametrize("w_value, b_dtype, refused", [
    ([0, 0], tf.float32, "w was saved as float32 and the variable is int32"),  # a changed initial value made w int32
    ([0.0, 0.0], tf.float64, "b was saved as float32 and the variable is float64"),
])
def test_restore_into_another_dtype_is_refused(float_checkpoint, w_value, b_dtype, refused):
    w = tf.Variable(w_value, name="w")
    b = tf.Variable(0.0, name="b", dtype=b_dtype)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match=f"Restoring from checkpoint failed.*{refused}"):
            saver.restore(sess, float_checkpoint)
        with pytest.raises(tf.errors.FailedPreconditionError):  # nothing was restored (TF1 alike)
            sess.run(b)
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(w)


def test_restore_into_the_same_dtypes(float_checkpoint):
    w = tf.Variable([0.0, 0.0], name="w")
    b = tf.Variable(0.0, name="b")
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, float_checkpoint)
        np.testing.assert_array_equal(sess.run(w), np.float32([1.5, -2.5]))
        assert sess.run(b) == np.float32(3.0)


def test_integer_global_step_round_trip(tmp_path):
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    step = tf.Variable(0, trainable=False, name="global_step")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w - 4.0), global_step=step)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        path = saver.save(sess, str(tmp_path / "m"), global_step=step)
    with tf.Session() as sess:
        saver.restore(sess, path)
        assert sess.run(step) == 3 and sess.run(step).dtype == np.int32
    assert path.endswith("m-3")
