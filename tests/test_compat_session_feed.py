"""``session.run(train, feed_dict)``: arrays of the placeholder's dtype and shape reach the step as they are
(no copy); anything else goes through the general conversion with its checks."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture
def lecture():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, 1])
    w = tf.Variable(0, dtype=tf.float32)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(x[0][0] * w ** 2 + x[1][0] * w + x[2][0])
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    return x, w, train, session


def recording(monkeypatch, train) -> list:
    """Replace the train operation's generated step by one that records its arguments and calls the original."""
    seen, original = [], train.numpy_step  # the generated advance, chosen when the operation was compiled
    assert original is train.compiled.advance

    def step(*arguments):
        seen.append(arguments)
        return original(*arguments)
    monkeypatch.setattr(train, "numpy_step", step)
    return seen


def test_a_feed_of_the_right_dtype_and_shape_is_passed_without_a_copy(lecture, monkeypatch):
    x, w, train, session = lecture
    seen = recording(monkeypatch, train)
    coefficients = np.array([[1.0], [-10.0], [25.0]], dtype=np.float32)
    for _ in range(3):
        assert session.run(train, feed_dict={x: coefficients}) is None
    assert len(seen) == 3 and all(arguments[-1] is coefficients for arguments in seen)
    assert coefficients.tolist() == [[1.0], [-10.0], [25.0]]  # never written to


@pytest.mark.parametrize("fed", [[[1.0], [-10.0], [25.0]], np.array([[1.0], [-10.0], [25.0]]),
                                 np.array([[1], [-10], [25]])],
                         ids=["list", "float64", "int"])
def test_other_feeds_are_converted_and_train_the_same(lecture, monkeypatch, fed):
    """A list, a float64 or an int array is converted (a new float32 array) and gives TF1's digits."""
    x, w, train, session = lecture
    seen = recording(monkeypatch, train)
    for _ in range(1001):
        session.run(train, feed_dict={x: fed})
    assert str(session.run(w)) == "4.9999886"
    last = seen[-1][-1]
    assert last.dtype == np.float32 and last.shape == (3, 1)
    assert not (isinstance(fed, np.ndarray) and np.shares_memory(last, fed) and fed.dtype != np.float32)


def test_the_fast_path_keeps_the_checks(lecture):
    x, w, train, session = lecture
    with pytest.raises(ValueError, match=r"Cannot feed value of shape \(2, 1\)"):
        session.run(train, feed_dict={x: np.zeros((2, 1), dtype=np.float32)})
    with pytest.raises(TypeError, match="feed_dict keys must be tensors"):
        session.run(train, feed_dict={3: 1.0})
    with pytest.raises(TypeError, match="complex"):
        session.run(train, feed_dict={x: np.zeros((3, 1), dtype=np.complex64)})
    assert session.run(w) == 0.0  # nothing ran


def test_a_batch_placeholder_and_a_scalar_cost_still_run_through_the_general_path():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(np.ones((2, 1), dtype=np.float32))
    loss = tf.reduce_mean(tf.matmul(x, W))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    batch = np.ones((4, 2), dtype=np.float32)
    _, before = session.run([train, loss], feed_dict={x: batch})
    assert before == pytest.approx(2.0)
    np.testing.assert_allclose(session.run(W), [[0.5], [0.5]])
