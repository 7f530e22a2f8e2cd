"""The lecture's TensorFlow 1.x programs, run with only the import line changed.

Expected strings are what TensorFlow 2.21's tf.compat.v1 printed (DESIGN.md).
"""

import collections

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def printed(value) -> str:
    return str(value)


def test_first_program_with_add_and_multiply():
    w = tf.Variable(0, dtype=tf.float32)
    cost = tf.add(tf.add(w**2, tf.multiply(-10., w)), 25)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    init = tf.global_variables_initializer()
    session = tf.Session()
    session.run(init)
    assert printed(session.run(w)) == "0.0"
    session.run(train)
    assert printed(session.run(w)) == "0.099999994"
    for _ in range(1000):
        session.run(train)
    assert printed(session.run(w)) == "4.9999886"


def test_overloaded_operators_give_the_same_result():
    w = tf.Variable(0, dtype=tf.float32)
    cost = w**2 - 10*w + 25
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    for _ in range(1001):
        session.run(train)
    assert printed(session.run(w)) == "4.9999886"


@pytest.mark.parametrize("coefficients, expected", [
    ([[1.], [-10.], [25.]], ["0.0", "0.099999994", "4.9999886"]),
    ([[1.], [-20.], [100.]], ["0.0", "0.19999999", "9.999977"]),
])
def test_placeholder_program(coefficients, expected):
    coefficients = np.array(coefficients)
    w = tf.Variable(0, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0]*w**2 + x[1][0]*w + x[2][0]
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    init = tf.global_variables_initializer()
    session = tf.Session()
    session.run(init)
    seen = [printed(session.run(w))]
    session.run(train, feed_dict={x: coefficients})
    seen.append(printed(session.run(w)))
    for _ in range(1000):
        session.run(train, feed_dict={x: coefficients})
    seen.append(printed(session.run(w)))
    assert seen == expected


def test_final_code_example_with_session_context_manager():
    coefficients = np.array([[1], [-20], [25]])
    w = tf.Variable([0], dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0]*w**2 + x[1][0]*w + x[2][0]  # (w-5)**2
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    init = tf.global_variables_initializer()
    with tf.Session() as session:
        session.run(init)
        assert printed(session.run(w)) == "[0.]"
        for _ in range(1000):
            session.run(train, feed_dict={x: coefficients})
        assert printed(session.run(w)) == "[9.999977]"


def test_adam_swapped_in_with_one_line():
    w = tf.Variable(0, dtype=tf.float32)
    cost = tf.add(tf.add(w**2, tf.multiply(-10., w)), 25)
    train = tf.train.AdamOptimizer(0.1).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    for _ in range(1000):
        session.run(train)
    assert printed(session.run(w)) == "5.000001"


def test_nested_fetches_keep_their_structure():
    w = tf.Variable(3.0, dtype=tf.float32)
    cost = (w - 5.0)**2
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    Pair = collections.namedtuple("Pair", "weight loss")
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        out = session.run({"pair": Pair(w, cost), "list": [w, (cost,)], "train": train})
    assert isinstance(out["pair"], Pair)
    # TF1 reads the fetched variable after the step (3.04), the cost before it (4.0)
    assert out["pair"].weight == np.float32(3.04) and out["pair"].loss == np.float32(4.0)
    assert isinstance(out["list"], list) and isinstance(out["list"][1], tuple)
    assert out["train"] is None


def test_eval_uses_the_default_session_and_feed_dict():
    x = tf.placeholder(tf.float32, [3, 1])
    w = tf.Variable(2.0, dtype=tf.float32)
    cost = x[0][0]*w**2 + x[1][0]*w + x[2][0]
    session = tf.InteractiveSession()
    try:
        session.run(tf.global_variables_initializer())
        assert cost.eval(feed_dict={x: [[1.], [-10.], [25.]]}) == np.float32(9.0)
        assert w.eval() == np.float32(2.0)
    finally:
        session.close()


def test_gradients_function_matches_the_derivative():
    w = tf.Variable(1.5, dtype=tf.float64)
    cost = w**2 - 10*w + 25
    (g,) = tf.gradients(cost, [w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(g) == pytest.approx(2*1.5 - 10)


def test_compute_and_apply_gradients_equal_minimize():
    w = tf.Variable(0, dtype=tf.float32)
    cost = w**2 - 10*w + 25
    optimizer = tf.train.GradientDescentOptimizer(0.01)
    train = optimizer.apply_gradients(optimizer.compute_gradients(cost))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        assert printed(session.run(w)) == "0.099999994"


# ---------------------------------------------------------------- errors as TF1 gives them

def _placeholder_program():
    w = tf.Variable(0, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0]*w**2 + x[1][0]*w + x[2][0]
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    return w, x, train, session


def test_unfed_placeholder_raises_invalid_argument_and_changes_nothing():
    w, x, train, session = _placeholder_program()
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"You must feed a value for placeholder tensor 'Placeholder' with dtype float "
                             r"and shape \[3,1\]"):
        session.run(train)
    assert printed(session.run(w)) == "0.0"


def test_wrong_feed_shape_raises_value_error_and_changes_nothing():
    w, x, train, session = _placeholder_program()
    with pytest.raises(ValueError, match=r"Cannot feed value of shape \(2, 1\) for Tensor Placeholder:0, "
                                         r"which has shape \(3, 1\)"):
        session.run(train, feed_dict={x: np.array([[1.], [2.]])})
    assert printed(session.run(w)) == "0.0"


def test_reading_a_variable_before_initialization_fails():
    w = tf.Variable(0, dtype=tf.float32)
    session = tf.Session()
    with pytest.raises(tf.errors.FailedPreconditionError):
        session.run(w)


def test_loss_without_variables_has_no_gradients():
    tf.Variable(0, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        tf.train.GradientDescentOptimizer(0.01).minimize(x[0][0] * 2.0)
