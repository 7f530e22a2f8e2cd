"""P60-8: minimizing an integer loss (the lecture with ``tf.Variable(0)``, int32) is TF1's ``ValueError`` naming the
dtype, not "No gradients provided".  Expected text: TF 2.21 ``tf.compat.v1`` (probe60 p8_int_variable.py):
``ValueError: Invalid type tf.int32 for add:0, expected: [tf.float32, tf.float64, tf.float16, tf.bfloat16].``"""

import pytest

import symopt.compat.v1 as tf


def test_integer_loss_names_its_dtype():
    tf.reset_default_graph()
    w = tf.Variable(0)
    cost = w ** 2 - 10 * w + 25
    expected = "Invalid type tf.int32 for add:0, expected: [tf.float32, tf.float64, tf.float16, tf.bfloat16]."
    with pytest.raises(ValueError) as error:
        tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    assert str(error.value).startswith(expected)
    assert tf.global_variables() == [w]  # nothing made before the refusal


def test_integer_loss_is_checked_before_the_variables():
    tf.reset_default_graph()
    # TF 2.21: "Invalid type tf.int32 for add:0, expected: [...]" though there is no variable (F42e-6)
    with pytest.raises(ValueError, match=r"^Invalid type tf.int32 for add:0, expected: "):
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(3) + 1)


def test_a_cast_loss_is_blamed_on_the_cast_not_the_variables():
    tf.reset_default_graph()
    w = tf.Variable(1.0)
    # TF 2.21: "Invalid type tf.int64 for Cast:0, expected: [...]"; w is a float already (F42e-6)
    with pytest.raises(ValueError, match=r"^Invalid type tf.int64 for Cast:0, expected: ") as error:
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.cast(w, tf.int64))
    assert "tf.cast" in str(error.value) and "make the variables" not in str(error.value)
