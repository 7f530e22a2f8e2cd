"""TF1's tensor functions (symopt.compat.v1): values against NumPy, gradients against finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph, run  # noqa: F401 - fresh_graph: an autouse fixture


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ---------------------------------------------------------------- values against NumPy, float32 and float64

UNARY_CASES = [
    # name, TF function, NumPy reference, input shape (None = batch of 5)
    ("transpose", tf.transpose, lambda a: a.T, (None, 3)),
    ("transpose rank 1", tf.transpose, lambda a: a, (4,)),
    ("reshape (n,) -> (n,1)", lambda t: tf.reshape(t, [4, 1]), lambda a: a.reshape(4, 1), (4,)),
    ("reshape (n,) -> (1,n)", lambda t: tf.reshape(t, [1, -1]), lambda a: a.reshape(1, 4), (4,)),
    ("reshape (n,1) -> (n,)", lambda t: tf.reshape(t, [-1]), lambda a: a.reshape(-1), (4, 1)),
    ("reshape (1,n) -> (n,)", lambda t: tf.reshape(t, [4]), lambda a: a.reshape(4), (1, 4)),
    ("reshape flatten", lambda t: tf.reshape(t, [-1]), lambda a: a.reshape(-1), (2, 3)),
    ("reshape (2,3) -> (3,2)", lambda t: tf.reshape(t, [3, 2]), lambda a: a.reshape(3, 2), (2, 3)),
    ("reshape (6,) -> (2,3)", lambda t: tf.reshape(t, [2, 3]), lambda a: a.reshape(2, 3), (6,)),
    ("reshape batch (None,4) -> (-1,2)", lambda t: tf.reshape(t, [-1, 2]), lambda a: a.reshape(-1, 2), (None, 4)),
    ("reshape batch flatten", lambda t: tf.reshape(t, [-1]), lambda a: a.reshape(-1), (None, 3)),
    ("reduce_sum all", tf.reduce_sum, np.sum, (None, 3)),
    ("reduce_sum 0", lambda t: tf.reduce_sum(t, 0), lambda a: a.sum(0), (None, 3)),
    ("reduce_sum 1", lambda t: tf.reduce_sum(t, axis=1), lambda a: a.sum(1), (None, 3)),
    ("reduce_sum -1 keepdims", lambda t: tf.reduce_sum(t, -1, keepdims=True), lambda a: a.sum(-1, keepdims=True),
     (None, 3)),
    ("reduce_sum 0 keepdims", lambda t: tf.reduce_sum(t, 0, keepdims=True), lambda a: a.sum(0, keepdims=True),
     (None, 3)),
    ("reduce_sum None keepdims", lambda t: tf.reduce_sum(t, keepdims=True), lambda a: a.sum(keepdims=True),
     (None, 3)),
    ("reduce_sum [0, 1]", lambda t: tf.reduce_sum(t, [0, 1]), np.sum, (2, 3)),
    ("reduce_sum rank 1", tf.reduce_sum, np.sum, (4,)),
    ("reduce_sum rank 1 keepdims", lambda t: tf.reduce_sum(t, 0, keepdims=True), lambda a: a.sum(0, keepdims=True),
     (4,)),
    ("reduce_sum reduction_indices keep_dims", lambda t: tf.reduce_sum(t, reduction_indices=1, keep_dims=True),
     lambda a: a.sum(1, keepdims=True), (None, 3)),
    ("reduce_mean all", tf.reduce_mean, np.mean, (None, 3)),
    ("reduce_mean 0", lambda t: tf.reduce_mean(t, 0), lambda a: a.mean(0), (None, 3)),
    ("reduce_mean 1", lambda t: tf.reduce_mean(t, 1), lambda a: a.mean(1), (None, 3)),
    ("reduce_mean -1 keepdims", lambda t: tf.reduce_mean(t, -1, keepdims=True),
     lambda a: a.mean(-1, keepdims=True), (None, 3)),
    ("reduce_mean None keepdims", lambda t: tf.reduce_mean(t, keepdims=True), lambda a: a.mean(keepdims=True),
     (2, 3)),
    ("reduce_mean rank 1", tf.reduce_mean, np.mean, (4,)),
    ("reduce_max all", tf.reduce_max, np.max, (None, 3)),
    ("reduce_max 0", lambda t: tf.reduce_max(t, 0), lambda a: a.max(0), (None, 3)),
    ("reduce_max 1", lambda t: tf.reduce_max(t, 1), lambda a: a.max(1), (None, 3)),
    ("reduce_max 1 keepdims", lambda t: tf.reduce_max(t, 1, keepdims=True), lambda a: a.max(1, keepdims=True),
     (None, 3)),
    ("reduce_max rank 1", tf.reduce_max, np.max, (4,)),
    ("nn.relu", tf.nn.relu, lambda a: np.maximum(a, 0), (None, 3)),
    ("nn.sigmoid", tf.nn.sigmoid, sigmoid, (None, 3)),
    ("sigmoid", tf.sigmoid, sigmoid, (4,)),
    ("tanh", tf.tanh, np.tanh, (None, 3)),
    ("nn.tanh", tf.nn.tanh, np.tanh, (2, 3)),
    ("nn.softplus", tf.nn.softplus, lambda a: np.log1p(np.exp(a)), (2, 3)),
    ("nn.leaky_relu", tf.nn.leaky_relu, lambda a: np.maximum(a, 0.2 * a), (2, 3)),
    ("nn.softmax", tf.nn.softmax, softmax, (None, 3)),
    ("nn.softmax axis 0", lambda t: tf.nn.softmax(t, axis=0), lambda a: softmax(a, 0), (None, 3)),
    ("nn.softmax dim 0", lambda t: tf.nn.softmax(t, dim=0), lambda a: softmax(a, 0), (None, 3)),
    ("nn.softmax rank 1", tf.nn.softmax, softmax, (4,)),
    ("nn.log_softmax", tf.nn.log_softmax, log_softmax, (None, 3)),
    ("nn.l2_loss", tf.nn.l2_loss, lambda a: (a ** 2).sum() / 2, (None, 3)),
    ("nn.l2_loss rank 1", tf.nn.l2_loss, lambda a: (a ** 2).sum() / 2, (4,)),
]


def _feed_shape(shape):
    return tuple(5 if d is None else d for d in shape)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name, function, reference, shape", UNARY_CASES, ids=[c[0] for c in UNARY_CASES])
def test_unary_values_match_numpy(name, function, reference, shape, dtype):
    values = np.random.default_rng(len(name)).normal(size=_feed_shape(shape)).astype(dtype)
    x = tf.placeholder(getattr(tf, dtype), shape)
    result = function(x)
    value = run(result, {x: values})
    expected = reference(values)
    assert np.asarray(value).dtype == np.dtype(dtype)
    assert np.shape(value) == np.shape(expected)
    assert len(result.shape) == np.ndim(expected)
    assert all(d is None or d == e for d, e in zip(result.shape, np.shape(expected)))
    np.testing.assert_allclose(value, expected, rtol=1e-5 if dtype == "float32" else 1e-12, atol=1e-6)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matmul_and_transpose_flags(dtype):
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(5, 3)).astype(dtype), rng.normal(size=(4, 3)).astype(dtype)
    x = tf.placeholder(getattr(tf, dtype), [None, 3])
    w = tf.placeholder(getattr(tf, dtype), [4, 3])
    fetches = [tf.matmul(x, w, transpose_b=True), tf.matmul(w, x, transpose_b=True),
               tf.matmul(tf.transpose(x), w, transpose_a=True, transpose_b=True), x @ tf.transpose(w)]
    values = run(fetches, {x: a, w: b})
    for value, expected in zip(values, [a @ b.T, b @ a.T, a @ b.T, a @ b.T]):
        assert value.dtype == np.dtype(dtype)
        np.testing.assert_allclose(value, expected, rtol=1e-5)
    assert fetches[0].shape == (None, 4) and fetches[1].shape == (4, None)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_classification_losses_match_numpy(dtype):
    rng = np.random.default_rng(2)
    z = rng.normal(size=(6, 4)).astype(dtype) * 3
    classes = rng.integers(0, 4, 6)
    y = np.eye(4, dtype=dtype)[classes]
    binary = (rng.random((6, 4)) < 0.5).astype(dtype)
    logits = tf.placeholder(getattr(tf, dtype), [None, 4])
    labels = tf.placeholder(getattr(tf, dtype), [None, 4])
    sparse = tf.placeholder(tf.int32, [None])
    losses = {
        "v1": tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits),
        "v2": tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits),
        "v2 axis 0": tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=0),
        "v1 dim 0": tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits, dim=0),
        "sparse": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=sparse, logits=logits),
        "sigmoid": tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
    }
    values = run(losses, {logits: z, labels: binary, sparse: classes})
    per_example = run(losses["v2"], {logits: z, labels: y})
    tol = {"rtol": 1e-5 if dtype == "float32" else 1e-12, "atol": 1e-6}
    np.testing.assert_allclose(per_example, -(y * log_softmax(z)).sum(1), **tol)
    np.testing.assert_allclose(values["v1"], -(binary * log_softmax(z)).sum(1), **tol)
    np.testing.assert_allclose(values["v2 axis 0"], -(binary * log_softmax(z, 0)).sum(0), **tol)
    np.testing.assert_allclose(values["v1 dim 0"], -(binary * log_softmax(z, 0)).sum(0), **tol)
    np.testing.assert_allclose(values["sparse"], -log_softmax(z)[np.arange(6), classes], **tol)
    np.testing.assert_allclose(values["sigmoid"], np.logaddexp(0, z) - binary * z, **tol)
    assert losses["v1"].shape == (None,) and values["v1"].shape == (6,)
    assert losses["v2 axis 0"].shape == (4,) and losses["sigmoid"].shape == (None, 4)
    assert all(v.dtype == np.dtype(dtype) for v in values.values())


def test_losses_are_stable_at_large_logits():
    z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]], dtype=np.float32)
    y = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    logits, labels = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 2])
    softmax_loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    sigmoid_loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    values = run([softmax_loss, sigmoid_loss, tf.nn.softmax(logits)], {logits: z, labels: y})
    assert np.all(np.isfinite(values[0])) and np.all(np.isfinite(values[1])) and np.all(np.isfinite(values[2]))
    np.testing.assert_allclose(values[0], [0.0, 2000.0])
    np.testing.assert_allclose(values[1], [[0.0, 0.0], [1000.0, 1000.0]])


def test_losses_take_named_arguments_and_matching_shapes():
    logits, labels = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(ValueError, match="Only call `softmax_cross_entropy_with_logits` with named arguments"):
        tf.nn.softmax_cross_entropy_with_logits(labels, logits)
    with pytest.raises(ValueError, match=r"logits and labels must have the same shape \(\[\?,3\] vs \[\?,2\]\)"):
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_accuracy_from_argmax_equal_cast_reduce_mean(dtype):
    rng = np.random.default_rng(3)
    z = rng.normal(size=(50, 3)).astype(dtype)
    y = np.eye(3, dtype=dtype)[rng.integers(0, 3, 50)]
    logits = tf.placeholder(getattr(tf, dtype), [None, 3])
    labels = tf.placeholder(getattr(tf, dtype), [None, 3])
    predicted, actual = tf.argmax(logits, 1), tf.argmax(labels, 1)
    correct = tf.equal(predicted, actual)
    accuracy = tf.reduce_mean(tf.cast(correct, getattr(tf, dtype)))
    session = tf.InteractiveSession()
    try:
        value = accuracy.eval({logits: z, labels: y})
        indices, hits = session.run([predicted, correct], {logits: z, labels: y})
    finally:
        session.close()
    expected = np.mean(z.argmax(1) == y.argmax(1))
    assert type(value) is np.dtype(dtype).type and value == pytest.approx(expected)
    assert indices.dtype == np.int64 and np.array_equal(indices, z.argmax(1))
    assert hits.dtype == np.bool_ and np.array_equal(hits, z.argmax(1) == y.argmax(1))
    assert predicted.dtype == tf.int64 and correct.dtype == tf.bool and predicted.shape == (None,)


def test_argmax_axes_and_argmin():
    a = np.random.default_rng(4).normal(size=(5, 3))
    x = tf.placeholder(tf.float64, [5, 3])
    v = tf.placeholder(tf.float64, [3])
    values = run([tf.argmax(x, 0), tf.argmax(x, axis=1), tf.argmax(x, dimension=-1), tf.argmin(x, 1), tf.argmax(v),
                  tf.argmax(x, 1, output_type=tf.int32)], {x: a, v: a[0]})
    expected = [a.argmax(0), a.argmax(1), a.argmax(1), a.argmin(1), a[0].argmax(), a.argmax(1)]
    for value, reference in zip(values, expected):
        assert np.array_equal(value, reference)
    assert values[-1].dtype == np.int32 and values[4].shape == ()


def test_equal_broadcasts_and_compares_scalars():
    x = tf.placeholder(tf.float32, [None, 3])
    data = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], dtype=np.float32)
    row = tf.placeholder(tf.float32, [3])
    values = run([tf.equal(x, 2.0), tf.equal(x, row), tf.equal(tf.constant(2.0), 2.0)],
                 {x: data, row: [3.0, 2.0, 1.0]})
    assert np.array_equal(values[0], data == 2.0)
    assert np.array_equal(values[1], data == np.array([3.0, 2.0, 1.0]))
    assert values[2] == np.True_


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_one_hot_and_integer_casts(dtype):
    indices = tf.placeholder(tf.int32, [None])
    codes = tf.one_hot(indices, 4, dtype=getattr(tf, dtype))
    shifted = tf.one_hot(indices, 4, on_value=5.0, off_value=-1.0)
    columns = tf.one_hot(indices, 4, axis=0)
    scalar = tf.one_hot(tf.constant(2), 3)
    as_float = tf.cast(indices, getattr(tf, dtype)) * 0.5
    data = np.array([0, 3, 1, 7, -1])
    values = run([codes, shifted, columns, scalar, as_float], {indices: data})
    reference = (data[:, None] == np.arange(4)).astype(dtype)
    assert values[0].dtype == np.dtype(dtype) and np.array_equal(values[0], reference)
    assert np.array_equal(values[1], np.where(reference == 1, 5.0, -1.0))
    assert np.array_equal(values[2], reference.T)
    assert np.array_equal(values[3], [0.0, 0.0, 1.0])
    assert values[4].dtype == np.dtype(dtype) and np.array_equal(values[4], data * 0.5)
    assert codes.shape == (None, 4) and columns.shape == (4, None)


def test_zeros_ones_and_like():
    x = tf.placeholder(tf.float64, [2, 3])
    fetches = [tf.zeros([2, 3]), tf.ones([4]), tf.zeros_like(x), tf.ones_like(x) + x, tf.zeros([]),
               tf.ones((2, 2), dtype=tf.float64)]
    values = run(fetches, {x: np.full((2, 3), 2.0)})
    assert np.array_equal(values[0], np.zeros((2, 3))) and values[0].dtype == np.float32
    assert np.array_equal(values[1], np.ones(4))
    assert values[2].dtype == np.float64 and np.array_equal(values[3], np.full((2, 3), 3.0))
    assert values[4] == 0.0 and values[5].dtype == np.float64


def test_reduce_max_gradient_is_shared_among_ties():
    w = tf.Variable([[1.0, 3.0, 3.0], [2.0, 0.0, -1.0]], dtype=tf.float64)
    (per_row,) = tf.gradients(tf.reduce_sum(tf.reduce_max(w, 1)), [w])
    (overall,) = tf.gradients(tf.reduce_max(w), [w])
    values = run([per_row, overall])
    np.testing.assert_allclose(values[0], [[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]])
    np.testing.assert_allclose(values[1], [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]])


# ---------------------------------------------------------------- gradients against finite differences

GRADIENT_CASES = [
    # name, TF function of the variable W (shape (4, 3)), NumPy reference
    ("matmul", lambda w, c: tf.matmul(c, w), lambda w, c: c @ w),
    ("matmul transpose_a", lambda w, c: tf.matmul(w, c, transpose_a=True, transpose_b=True), lambda w, c: w.T @ c.T),
    ("transpose", lambda w, c: tf.transpose(w), lambda w, c: w.T),
    ("reshape flatten", lambda w, c: tf.reshape(w, [-1]), lambda w, c: w.reshape(-1)),
    ("reshape (3,4)", lambda w, c: tf.reshape(w, [3, 4]), lambda w, c: w.reshape(3, 4)),
    ("reshape (1,12)->(12,)", lambda w, c: tf.reshape(tf.reshape(w, [1, 12]), [12]), lambda w, c: w.reshape(12)),
    ("reduce_sum 0", lambda w, c: tf.reduce_sum(w, 0), lambda w, c: w.sum(0)),
    ("reduce_sum 1 keepdims", lambda w, c: tf.reduce_sum(w, 1, keepdims=True), lambda w, c: w.sum(1, keepdims=True)),
    ("reduce_mean 0", lambda w, c: tf.reduce_mean(w, 0), lambda w, c: w.mean(0)),
    ("reduce_mean -1", lambda w, c: tf.reduce_mean(w, -1), lambda w, c: w.mean(-1)),
    ("reduce_mean all", lambda w, c: tf.reduce_mean(w), lambda w, c: w.mean()),
    ("reduce_max 0", lambda w, c: tf.reduce_max(w, 0), lambda w, c: w.max(0)),
    ("reduce_max 1", lambda w, c: tf.reduce_max(w, 1), lambda w, c: w.max(1)),
    ("reduce_max all keepdims", lambda w, c: tf.reduce_max(w, keepdims=True), lambda w, c: w.max(keepdims=True)),
    ("nn.relu", lambda w, c: tf.nn.relu(w), lambda w, c: np.maximum(w, 0)),
    ("nn.sigmoid", lambda w, c: tf.nn.sigmoid(w), lambda w, c: sigmoid(w)),
    ("tanh", lambda w, c: tf.tanh(w), lambda w, c: np.tanh(w)),
    ("nn.softmax", lambda w, c: tf.nn.softmax(w), lambda w, c: softmax(w)),
    ("nn.softmax axis 0", lambda w, c: tf.nn.softmax(w, axis=0), lambda w, c: softmax(w, 0)),
    ("nn.log_softmax", lambda w, c: tf.nn.log_softmax(w), lambda w, c: log_softmax(w)),
    ("softmax cross-entropy", lambda w, c: tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(tf.transpose(c)),
                                                                                     logits=w),
     lambda w, c: -(softmax(c.T) * log_softmax(w)).sum(1)),
    ("softmax cross-entropy v1", lambda w, c: tf.nn.softmax_cross_entropy_with_logits(labels=tf.nn.softmax(tf.transpose(c)),
                                                                                     logits=w),
     lambda w, c: -(softmax(c.T) * log_softmax(w)).sum(1)),
    ("sigmoid cross-entropy", lambda w, c: tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.sigmoid(tf.transpose(c)), logits=w),
     lambda w, c: np.logaddexp(0, w) - sigmoid(c.T) * w),
    ("l2_loss", lambda w, c: tf.nn.l2_loss(w), lambda w, c: (w ** 2).sum() / 2),
    ("bias_add", lambda w, c: tf.nn.bias_add(tf.transpose(c), tf.reduce_sum(w, 0)), lambda w, c: c.T + w.sum(0)),
    ("one_hot times logits", lambda w, c: tf.one_hot(tf.constant([2, 0, 1, 1]), 3, dtype=tf.float64) * w,
     lambda w, c: np.eye(3)[[2, 0, 1, 1]] * w),
]


def _finite_differences(f, w, step=1e-6):
    gradient = np.zeros_like(w)
    for index in np.ndindex(*w.shape):
        plus, minus = w.copy(), w.copy()
        plus[index] += step
        minus[index] -= step
        gradient[index] = (f(plus) - f(minus)) / (2 * step)
    return gradient


@pytest.mark.parametrize("name, function, reference", GRADIENT_CASES, ids=[c[0] for c in GRADIENT_CASES])
def test_gradients_match_finite_differences(name, function, reference):
    rng = np.random.default_rng(len(name))
    w0 = rng.normal(size=(4, 3))
    c0 = rng.normal(size=(3, 4))
    w = tf.Variable(w0, dtype=tf.float64)
    c = tf.placeholder(tf.float64, [3, 4])
    output = function(w, c)
    weights_value = rng.normal(size=np.shape(reference(w0, c0)))
    weights = tf.placeholder(tf.float64, np.shape(weights_value))
    (gradient,) = tf.gradients(tf.reduce_sum(output * weights), [w])
    value = run(gradient, {c: c0, weights: weights_value})
    expected = _finite_differences(lambda v: float((reference(v, c0) * weights_value).sum()), w0)
    np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-7)


def test_sparse_cross_entropy_gradient_matches_finite_differences():
    rng = np.random.default_rng(5)
    z0, classes = rng.normal(size=(6, 3)), np.array([0, 2, 1, 1, 0, 2])
    logits = tf.Variable(z0, dtype=tf.float64)
    labels = tf.placeholder(tf.int64, [None])
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    (gradient,) = tf.gradients(loss, [logits])
    value = run(gradient, {labels: classes})
    expected = _finite_differences(lambda z: -log_softmax(z)[np.arange(6), classes].mean(), z0)
    np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("build, expected", [
    (lambda w: tf.cast(tf.argmax(w, 0), tf.float64), [[1, 1, 1], [1, 1, 1]]),  # TF 2.21 compat.v1
    (lambda w: tf.cast(tf.equal(w, 1.0), tf.float64), [[0, 0, 1], [0, 0, 0]]),
])
def test_argmax_and_equal_pass_no_gradient_and_are_held_constant_as_tf1(build, expected):
    w = tf.Variable(np.arange(6.0).reshape(2, 3) / 2, dtype=tf.float64)
    assert tf.gradients(tf.reduce_sum(build(w)), [w]) == [None]
    assert run(tf.gradients(tf.reduce_sum(build(w) * w), [w])[0]).tolist() == expected


# ---------------------------------------------------------------- shape errors as TF1 gives them

def test_matmul_shape_mismatch_names_both_shapes():
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.Variable(np.zeros((4, 2)), dtype=tf.float32)
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 4 for 'MatMul' \(op: 'MatMul'\) "
                                         r"with input shapes: \[\?,3\], \[4,2\]"):
        tf.matmul(x, w)
    with pytest.raises(ValueError, match=r"Shape must be rank 2 but is rank 1"):
        tf.matmul(tf.placeholder(tf.float32, [3]), w)
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        x @ w


def test_reshape_and_reduce_errors():
    x = tf.placeholder(tf.float32, [2, 3])
    with pytest.raises(ValueError, match=r"Cannot reshape a tensor with 6 elements to shape \[4\]"):
        tf.reshape(x, [4])
    with pytest.raises(ValueError, match="Cannot reshape"):
        tf.reshape(x, [-1, 4])
    with pytest.raises(ValueError, match="Invalid reduction dimension 2 for input with 2 dimensions"):
        tf.reduce_sum(x, 2)


# ---------------------------------------------------------------- property: reductions over any axis, rank, keepdims

REFERENCE_REDUCERS = {"reduce_sum": np.sum, "reduce_mean": np.mean, "reduce_max": np.max}


@settings(max_examples=25, deadline=None)
@given(kind=st.sampled_from(sorted(REFERENCE_REDUCERS)),
       shape=st.one_of(st.tuples(st.integers(1, 4)), st.tuples(st.integers(1, 4), st.integers(1, 4))),
       axis=st.sampled_from([None, 0, -1, 1, (0, 1), []]), keepdims=st.booleans(), seed=st.integers(0, 2**16))
def test_reductions_match_numpy_for_any_axis(kind, shape, axis, keepdims, seed):
    if axis is not None and len(shape) == 1 and axis not in (0, -1, []):
        return
    tf.reset_default_graph()
    values = np.random.default_rng(seed).normal(size=shape)
    x = tf.placeholder(tf.float64, shape)
    result = getattr(tf, kind)(x, axis=axis, keepdims=keepdims)
    numpy_axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    expected = values if numpy_axis == () else REFERENCE_REDUCERS[kind](values, axis=numpy_axis, keepdims=keepdims)
    value = run(result, {x: values})
    assert result.shape == np.shape(expected) and np.shape(value) == np.shape(expected)
    np.testing.assert_allclose(value, expected, rtol=1e-12)
