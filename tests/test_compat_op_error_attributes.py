"""TF1's ``OpError`` attributes (probe13 W6): ``except tf.errors.OpError as e: print(e.message)`` died with a bare
AttributeError inside the handler; ``e.error_code`` and the codes ``tf.errors.INVALID_ARGUMENT`` were missing.
Codes from TF 2.21 tf.compat.v1."""

import pytest

import symopt.compat.v1 as tf


def test_op_errors_have_tf1s_message_and_error_code():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None], name="x")
    v = tf.Variable(1.0)
    session = tf.Session()
    with pytest.raises(tf.errors.OpError) as caught:
        session.run(x * 2)
    error = caught.value
    assert (error.error_code, error.op, error.node_def) == (tf.errors.INVALID_ARGUMENT, None, None)
    assert error.message == str(error) and "You must feed a value for placeholder tensor 'x'" in error.message
    with pytest.raises(tf.errors.FailedPreconditionError) as caught:
        session.run(v)
    assert caught.value.error_code == tf.errors.FAILED_PRECONDITION
    assert "uninitialized" in caught.value.message
    assert [tf.errors.OK, tf.errors.UNKNOWN, tf.errors.INVALID_ARGUMENT, tf.errors.NOT_FOUND,
            tf.errors.FAILED_PRECONDITION, tf.errors.OUT_OF_RANGE, tf.errors.UNAUTHENTICATED] == [0, 2, 3, 5, 9, 11, 16]
    assert (tf.errors.NotFoundError("gone").error_code, tf.errors.OutOfRangeError("end").error_code) == (5, 11)
