"""final46a 46a-16, 46a-6: the dtype of a loss of shape-less integer labels.  A cross entropy has its logits'
dtype, also when the logits are a NumPy array or a list (TF1 converts them: a list of floats is float32); every
other tf.losses loss casts labels and predictions to float32 (TF1's mean_squared_error, hinge_loss, huber_loss),
so a float64 model's loss is float32, and it still trains the float64 variable.

Oracles: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/xent_np.py, lossdt.py: dtypes printed, copied
here) and hand NumPy for the values."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

LOGITS = np.array([[1., -1.], [0.5, 2.]], np.float32)
LABELS = [0, 1]


def _hand_xent(logits):
    """Hand NumPy: -log softmax(logits)[label] per row."""
    logits = np.asarray(logits, np.float64)
    log_softmax = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -log_softmax[np.arange(2), LABELS]


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _run_beside_a_metric_update(make):
    y = tf.placeholder(tf.int32)
    loss = make(y)
    _, update = tf.metrics.mean(tf.cast(y, tf.float32))
    sess = tf.Session()
    sess.run(tf.local_variables_initializer())
    value, _ = sess.run([loss, update], {y: LABELS})
    return loss, np.asarray(value)


@pytest.mark.parametrize("logits, dtype", [(LOGITS, "float32"), (LOGITS.astype(np.float64), "float64"),
                                           (LOGITS.tolist(), "float32")])  # TF 2.21 (xent_np.py)
def test_cross_entropy_of_array_or_list_logits_has_their_dtype(logits, dtype):
    loss, value = _run_beside_a_metric_update(
        lambda y: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    assert loss.dtype.name == value.dtype.name == dtype
    np.testing.assert_allclose(value, _hand_xent(LOGITS), rtol=1e-6)
    tf.reset_default_graph()
    loss, value = _run_beside_a_metric_update(lambda y: tf.losses.sparse_softmax_cross_entropy(y, logits))
    assert loss.dtype.name == value.dtype.name == dtype
    np.testing.assert_allclose(value, _hand_xent(LOGITS).mean(), rtol=1e-6)


def _hand_elementwise(name, labels, predictions):
    """Hand NumPy of TF1's elementwise losses (huber with delta 1)."""
    error = np.abs(predictions - labels)
    return {"mse": error ** 2, "hinge": np.maximum(0.0, 1 - (2 * labels - 1) * predictions),
            "huber": np.where(error <= 1, 0.5 * error ** 2, error - 0.5)}[name]


@pytest.mark.parametrize("name, make", [("mse", tf.losses.mean_squared_error), ("hinge", tf.losses.hinge_loss),
                                        ("huber", tf.losses.huber_loss)])
def test_other_losses_of_a_float64_model_are_float32_and_train(name, make):
    X = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.0]])
    W0 = np.linspace(-1, 1, 6).reshape(3, 2)
    x, y = tf.placeholder(tf.float64, [None, 3]), tf.placeholder(tf.int32)
    w = tf.Variable(W0)
    logits = tf.matmul(x, w)
    loss = make(tf.cast(tf.one_hot(y, 2), tf.float64), logits)
    _, update = tf.metrics.accuracy(y, tf.argmax(logits, 1, output_type=tf.int32))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    sess = tf.Session()
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    value, _ = sess.run([loss, update], {x: X, y: LABELS})
    assert loss.dtype.name == np.asarray(value).dtype.name == "float32"  # TF 2.21 (lossdt.py: float32)
    expected = _hand_elementwise(name, np.eye(2)[LABELS], X @ W0).mean()
    np.testing.assert_allclose(value, expected, rtol=1e-6)
    sess.run(train, {x: X, y: LABELS})
    targets, step = np.eye(2)[LABELS], 1e-6  # hand: central differences of the hand loss

    def hand_loss(weights):
        return _hand_elementwise(name, targets, X @ weights).mean()
    gradient = np.array([(hand_loss(W0 + step * e) - hand_loss(W0 - step * e)) / (2 * step)
                         for e in np.eye(6).reshape(6, 3, 2)]).reshape(3, 2)
    assert sess.run(w).dtype == np.float64
    np.testing.assert_allclose(sess.run(w), W0 - 0.5 * gradient, atol=1e-6)


def test_compute_weighted_loss_keeps_its_losses_dtype():
    y = tf.placeholder(tf.float64)
    loss = tf.losses.compute_weighted_loss(y * 2.0)
    _, update = tf.metrics.mean(y)
    sess = tf.Session()
    sess.run(tf.local_variables_initializer())
    value, _ = sess.run([loss, update], {y: [1.0, 2.0]})
    assert loss.dtype.name == np.asarray(value).dtype.name == "float64"  # TF 2.21
    assert value == 3.0  # hand: mean of [2, 4]
