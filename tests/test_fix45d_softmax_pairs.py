"""probe72 P72-7, P72-13, P72-14: a softmax cross-entropy's training step computes the exponentials of the logits
once (:mod:`symopt.softmax_pairs`: the value's log-softmax and the gradient's softmax from one runtime call), where
it computed ``log_softmax`` and ``softmax`` (or ``exp`` of the log-softmax) apart; the TF1 layer's gradient is the
kernel's ``softmax - y`` itself (:class:`~symopt.stable.KernelCrossEntropy`).

Oracles: TensorFlow 2.21 ``tf.compat.v1`` (literals below, float32), hand NumPy (float64), and ``symopt.evaluate``
(the value alone: no softmax, so no pair) bit for bit in float32."""

import re

import numpy as np

import symopt
import symopt.compat.v1 as tf
from symopt import ops

# From TensorFlow 2.21 (tf.compat.v1, graph mode, float32): x @ W logits, reduce_mean of the per-example loss,
# GradientDescentOptimizer(0.5), three runs of [train, loss]; dense one-hot labels (v2) and integer labels (sparse)
# give the same numbers.
X = np.array([[-0.80193144, -1.3243589, -0.24836162, 0.42044523],
              [1.1360465, 0.1097064, -0.5526473, -0.7847804],
              [0.7487458, 1.634783, 0.27276877, -1.2333287],
              [-0.9582652, 1.6000191, 0.20288244, -1.7321348],
              [-0.083696194, -1.163226, -0.6292881, -0.48800582],
              [-0.7133134, 0.55337846, -0.06308597, -0.5894313]], dtype=np.float32)
W0 = np.array([[0.40963784, 0.8298553, -1.6430234],
               [-0.25673014, -0.98074734, -0.17315522],
               [-1.2894187, 0.020690395, -0.03788574],
               [-0.30433774, -1.0479265, -0.39619035]], dtype=np.float32)
LABELS = np.array([0, 2, 1, 1, 0, 2])
TF_LOSSES = np.array([1.6968555, 1.3457543, 1.1155332], dtype=np.float32)
TF_W = np.array([[0.1515973, 0.5925969, -1.1477244],
                 [-0.7916838, -0.40782627, -0.21112262],
                 [-1.3823005, 0.23573506, -0.16004863],
                 [-0.11300596, -1.3262565, -0.30919206]], dtype=np.float32)


def _exponentials(source: str) -> int:
    """How many runtime calls or NumPy functions in ``source`` exponentiate the logits."""
    return sum(source.count(name) for name in ("log_softmax(", "softmax(", "exp(", "logsumexp("))


def _train(sparse: bool):
    x = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(W0)
    if sparse:
        y = tf.placeholder(tf.int64, [None])
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(x, W))
        feed = {x: X, y: LABELS}
    else:
        y = tf.placeholder(tf.float32, [None, 3])
        losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=tf.matmul(x, W))
        feed = {x: X, y: np.eye(3, dtype=np.float32)[LABELS]}
    loss = tf.reduce_mean(losses)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run([train, loss], feed)[1] for _ in range(3)]
        return np.array(values, dtype=np.float32), sess.run(W), train.compiled.step.source


def test_compat_dense_and_sparse_steps_exponentiate_once_and_match_tf1():
    for sparse in (False, True):
        losses, W, source = _train(sparse)
        assert source.count("log_softmax_and_softmax(") == 1 and _exponentials(source) == 1, source
        # TF1's backprop softmax - y formed once; no batch x classes ones or zeros (the kernel's gradient was built
        # from a zero term (1 - S)(T - sg(T)) and from select(.., ones, zeros): P72-7, P72-14)
        assert source.count("[1] - ") == 1 and "numpy.ones" not in source and "numpy.zeros" not in source, source
        _assert_tf1_digits(losses, W)


def _ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many float32 values apart ``a`` and ``b`` are, entry by entry (same signs)."""
    return np.abs(a.view(np.int32).astype(np.int64) - b.view(np.int32).astype(np.int64))


def _assert_tf1_digits(losses: np.ndarray, W: np.ndarray) -> None:
    """The losses bit for bit TF1's; the trained weights within 1 ulp of TF1's (review 45d-8): TF's softmax
    exponentiates with Eigen's float32 exp, symopt's with the correctly rounded one, so 1 or 2 of 18 softmax
    entries differ by an ulp at each step and W[0, 0] ends 1 ulp away."""
    np.testing.assert_array_equal(losses, TF_LOSSES)
    assert _ulps(W, TF_W).max() <= 1, _ulps(W, TF_W)


def test_native_softmax_cross_entropy_exponentiates_once():
    Xs, Ys = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("Y", (None, 3))
    Ws = symopt.Variable("W", 0.0, shape=(4, 3))
    cost = ops.softmax_cross_entropy(Xs @ Ws, Ys)
    f = symopt.compile(cost, [Ws])
    assert _exponentials(f.source) == 1 and "log_softmax_and_softmax(" in f.source, f.source
    # the log-softmax written into the logits' own array, which nothing reads afterwards (P72-13's m x k arrays)
    assert re.search(r"log_softmax_and_softmax\((t\d+), axis=1, out=\1\)", f.source), f.source
    x, w = X.astype(np.float64), W0.astype(np.float64)
    y = np.eye(3)[LABELS] * np.array([[1.0], [1.0], [0.5], [1.0], [2.0], [1.0]])  # rows of any sum (symopt's loss)
    value, (gradient,) = f({Xs: x, Ys: y, Ws: w})
    z = x @ w
    shifted = z - z.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(value, -(y * log_softmax).sum() / 6, rtol=1e-14)
    hand = x.T @ (np.exp(log_softmax) * y.sum(axis=1, keepdims=True) - y) / 6
    np.testing.assert_allclose(gradient, hand, rtol=1e-13)
    value32, (gradient32,) = symopt.compile(cost, [Ws], dtype="float32")({Xs: X, Ys: y.astype(np.float32), Ws: W0})
    assert type(value32) is np.float32 and gradient32.dtype == np.float32  # the float64 hand NumPy is the oracle
    np.testing.assert_allclose(value32, -(y * log_softmax).sum() / 6, rtol=1e-6)
    np.testing.assert_allclose(gradient32, hand, rtol=1e-5, atol=1e-7)


def test_softmax_is_the_exponentials_over_their_sum():
    """Review 45d-2: ops.softmax computes TF's formula e^s / S (s = z - max z, S the sum of e^s, e^s correctly
    rounded to float32), not exp(log_softmax(z)) as before fix45d.  Oracle: hand NumPy of that formula."""
    Zs = symopt.Placeholder("Z", (None, 3), dtype="float32")
    z = np.random.default_rng(2).normal(scale=4.0, size=(50, 3)).astype(np.float32)
    shifted = z - z.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted.astype(np.float64)).astype(np.float32)
    expected = exponentials / exponentials.sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(symopt.evaluate(ops.softmax(Zs), {Zs: z}, dtype="float32"), expected)


def test_compat_gradient_is_the_kernels_backprop_for_labels_of_any_row_sum():
    """TF1's kernel gives softmax(z) - y (not S softmax(z) - y) for padding rows and multi-hot rows; oracle: hand
    NumPy in float64 of that backprop, and of the loss sum(y * (log sum e^s - s)) (TF 2.21 agrees with these formulas
    to 7e-15 on such labels, checked with tf.compat.v1.gradients)."""
    z = tf.placeholder(tf.float64, [None, 3])
    y = tf.placeholder(tf.float64, [None, 3])
    losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=z)
    weights = tf.placeholder(tf.float64, [None])
    total = tf.reduce_sum(losses * weights)
    gradient_z, gradient_y = tf.gradients(total, [z, y])
    labels = np.eye(3)[LABELS] * np.array([[1.0], [0.0], [0.5], [1.0], [2.0], [1.0]])
    labels[3, 0] = 1.0  # a multi-hot row
    logits = X[:, :3].astype(np.float64) * 3
    w = np.arange(1.0, 7.0)
    with tf.Session() as sess:
        value, gz, gy = sess.run([total, gradient_z, gradient_y], {z: logits, y: labels, weights: w})
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(value, -(w[:, None] * labels * log_softmax).sum(), rtol=1e-14)
    np.testing.assert_allclose(gz, w[:, None] * (np.exp(log_softmax) - labels), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(gy, -w[:, None] * log_softmax, rtol=1e-14)


def test_compat_losses_overflow_to_inf_as_tf1_not_nan():
    """probe78 P78-4 (last part): float32 logits of ±2e38 (the shift overflows to -inf) give TF1's inf loss, not NaN
    (the zero term that gave the kernel's gradient computed inf - inf); the gradient is TF 2.21's (its literals)."""
    logits = np.array([[800., -800., 0.], [2e38, -2e38, 5.], [-2e38, 2e38, 2e38], [17., -17., 40.]], np.float32)
    labels = np.array([[1., 0., 0.], [0., 1., 0.], [1., 0., 0.], [0., .5, .5]], np.float32)
    z = tf.Variable(logits)
    y = tf.placeholder(tf.float32, [4, 3])
    total = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=z))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, gradient = sess.run([total, tf.gradients(total, z)[0]], {y: labels})
    assert value == np.inf
    tf_gradient = [[0.0, 0.0, 0.0], [1.0, -1.0, 0.0], [-1.0, 0.5, 0.5], [1.0261879540562902e-10, -0.5, 0.5]]
    np.testing.assert_array_equal(gradient, np.float32(tf_gradient))


def test_logits_that_are_a_view_of_the_fed_data_are_not_written_into():
    """The log-softmax goes into the logits' array only where that array is the program's own: a reshape of a
    placeholder is a view of the fed array, which stays as fed (oracle: the array's copy; the loss by hand NumPy)."""
    x = tf.placeholder(tf.float64, [2, 6])
    labels = np.eye(3)[[0, 1, 2, 0]]
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(labels),
                                                                     logits=tf.reshape(x, [-1, 3])))
    gradient = tf.gradients(loss, x)[0]
    fed = np.arange(12.0).reshape(2, 6) / 10
    kept = fed.copy()
    with tf.Session() as sess:
        value, _ = sess.run([loss, gradient], {x: fed})
    np.testing.assert_array_equal(fed, kept)
    z = kept.reshape(4, 3)
    np.testing.assert_allclose(value, np.mean(np.log(np.exp(z).sum(axis=1)) - (labels * z).sum(axis=1)), rtol=1e-14)
