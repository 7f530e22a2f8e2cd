"""``tf.gradients`` with respect to computed tensors (probe F16) and TF1's None-versus-zeros rule (probe F2).

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph, run  # noqa: F401 - fresh_graph: an autouse fixture

FEATURES = np.arange(12, dtype=np.float32).reshape(4, 3) / 5


def probe_program():
    """The probe's program: a cost reading a column of ``P = X W`` and a row of ``W``."""
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(3, 2) / 10)
    P = tf.matmul(X, W)
    col, row = P[:, 1], W[1]
    cost = tf.reduce_sum(tf.square(col)) + tf.reduce_sum(row * 3.0)
    return X, W, P, col, row, cost


def test_gradient_with_respect_to_a_slice_a_matmul_and_the_cost_itself_as_tf1():
    X, W, P, col, row, cost = probe_program()
    grads = tf.gradients(cost, [col, row, P, cost])
    assert [g.shape.as_list() for g in grads] == [[None], [2], [None, 2], []]  # TF 2.21 compat.v1 static shapes
    by_col, by_row, by_product, by_cost = run(grads, {X: FEATURES})
    np.testing.assert_allclose(by_col, [0.52, 1.6, 2.68, 3.7600002], rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_allclose(by_row, [3.0, 3.0])  # TF 2.21 compat.v1
    np.testing.assert_allclose(by_product, [[0, 0.52], [0, 1.6], [0, 2.68], [0, 3.7600002]], rtol=1e-6)
    assert by_cost == 1.0 and by_col.dtype == np.float32


def test_only_the_paths_through_the_tensor_count():
    X, W, P, _, _, _ = probe_program()
    cost = tf.reduce_sum(P * P) + tf.reduce_sum(W)  # W reaches the cost through P and directly
    by_product, by_weights = run(tf.gradients(cost, [P, W]), {X: FEATURES})
    # TF 2.21 compat.v1: d cost / d P = 2P (W's direct path does not count); d cost / d W = 2 X^T P + 1
    np.testing.assert_allclose(by_product, [[0.4, 0.52], [1.12, 1.6], [1.84, 2.68], [2.5600002, 3.7600002]],
                               rtol=1e-6)
    np.testing.assert_allclose(by_weights, [[8.488001, 11.944], [9.672001, 13.656], [10.856001, 15.368001]],
                               rtol=1e-6)


def test_gradient_with_respect_to_a_relu_output_as_tf1():
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(3, 2) / 10)
    h = tf.nn.relu(tf.matmul(X, W) - 0.5)
    (grad,) = run(tf.gradients(tf.reduce_mean(tf.square(h)), h), {X: FEATURES})
    # TF 2.21 compat.v1: 2 h / (m k)
    np.testing.assert_allclose(grad, [[0, 0], [0.015, 0.075], [0.105, 0.21000001], [0.19500002, 0.34500003]],
                               rtol=1e-6, atol=1e-8)


def logits_program():
    X = tf.placeholder(tf.float32, [None, 3])
    Y = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(3, 2) / 10 - 0.2)
    b = tf.Variable([0.1, -0.1])
    logits = tf.matmul(X, W) + b
    feed = {X: np.arange(12, dtype=np.float32).reshape(4, 3) / 5 - 1, Y: np.eye(2, dtype=np.float32)[[0, 1, 1, 0]]}
    return X, Y, W, b, logits, feed


def test_gradient_of_the_cross_entropy_with_respect_to_the_logits_and_the_variables_at_once():
    X, Y, W, b, logits, feed = logits_program()
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=logits))
    by_logits, by_weights, by_bias = run(tf.gradients(loss, [logits, W, b]), feed)
    # TF 2.21 compat.v1: (softmax - labels) / m, and the variables' gradients
    np.testing.assert_allclose(by_logits, [[-0.0979352, 0.0979352], [0.1411591, -0.1411591],
                                           [0.1299973, -0.1299973], [-0.1312448, 0.1312448]], rtol=2e-6)
    np.testing.assert_allclose(by_weights, [[-0.0375247, 0.0375247], [-0.0291295, 0.0291295],
                                            [-0.0207342, 0.0207342]], rtol=2e-5)
    np.testing.assert_allclose(by_bias, [0.0419764, -0.0419764], rtol=2e-5)


def test_gradient_with_respect_to_a_constant_a_scalar_and_a_column_slice_as_tf1():
    X, Y, W, b, logits, feed = logits_program()
    scale = tf.constant(2.0)
    total = tf.reduce_sum(W)
    grads = [tf.gradients(tf.reduce_sum(scale * logits), scale)[0],
             tf.gradients(total * total + tf.reduce_sum(W * 3.0), total)[0],
             tf.gradients(tf.reduce_sum(tf.exp(logits[:, 0])), logits)[0]]
    by_scale, by_total, by_logits = run(grads, feed)
    np.testing.assert_allclose([by_scale, by_total], [0.76, 0.6], rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_allclose(by_logits, [[1.1972173, 0]] * 4, rtol=1e-6)  # TF 2.21 compat.v1


def test_feeding_the_tensor_replaces_its_value_in_its_gradient():
    X, Y, W, b, logits, feed = logits_program()
    (grad,) = tf.gradients(tf.reduce_sum(tf.square(logits)), logits)
    fed = run(grad, {**feed, logits: np.ones((4, 2), np.float32)})
    np.testing.assert_array_equal(fed, np.full((4, 2), 2.0))  # TF 2.21 compat.v1


def test_intermediate_gradients_match_finite_differences_of_a_fed_tensor():
    """d cost / d t by central differences: feed t perturbed (TF1's meaning: t's inputs held constant)."""
    X = tf.placeholder(tf.float64, [None, 3])
    W = tf.Variable(np.linspace(-1, 1, 6).reshape(3, 2))
    hidden = tf.tanh(tf.matmul(X, W))
    out = tf.reduce_sum(tf.sigmoid(hidden) * hidden, axis=1)
    cost = tf.reduce_mean(tf.square(out - 1.0)) + tf.reduce_sum(tf.square(W)) * tf.reduce_sum(hidden)
    data = np.random.default_rng(0).normal(size=(5, 3))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for tensor in (hidden, out):
            value = session.run(tensor, {X: data})
            (grad,) = session.run(tf.gradients(cost, tensor), {X: data})
            numeric = np.zeros_like(value)
            for index in np.ndindex(value.shape):
                step = np.zeros_like(value)
                step[index] = 1e-6
                up = session.run(cost, {X: data, tensor: value + step})
                down = session.run(cost, {X: data, tensor: value - step})
                numeric[index] = (up - down) / 2e-6
            np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


def test_a_tensor_not_on_the_path_gets_none_as_in_tf1():
    W = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    cost = tf.reduce_sum(tf.square(W[0]))
    later = W[0]  # the same slice built again after the cost: another tensor, not on the path (TF1: None)
    elsewhere = tf.matmul(W, W)
    assert tf.gradients(cost, [later, elsewhere]) == [None, None]


def test_none_only_without_a_path_and_zeros_where_sympy_folded_the_dependence():
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.5], [-0.25]])
    V = tf.Variable([[1.0, 2.0]])
    unused = tf.Variable([[1.0, 2.0, 0.0], [3.0, -1.0, 2.0]])
    lam = 0.0
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - 1.0)) + lam * tf.nn.l2_loss(V)
    product = tf.reduce_prod(unused * tf.constant([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0]]))
    by_weights, by_v = tf.gradients(loss, [W, V])
    (by_unused,) = tf.gradients(product, unused)
    assert tf.gradients(loss, unused) == [None]  # TF 2.21 compat.v1: no path
    (zeros,) = tf.gradients(loss, unused, unconnected_gradients="zero")
    feed = {X: np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]], np.float32)}
    values = run([by_weights, by_v, by_unused, zeros], feed)
    np.testing.assert_allclose(values[0], [[0.5416666], [-2.125]], rtol=1e-6)  # TF 2.21 compat.v1
    for value, shape in zip(values[1:], [(1, 2), (2, 3), (2, 3)]):  # TF 2.21 compat.v1: zeros of the shape
        assert value.shape == shape and value.dtype == np.float32 and not value.any()


def test_ops_tf1_gives_no_gradient_stop_the_path():
    w = tf.Variable([[1.5, -2.0], [0.3, 4.0]])
    blocked = [tf.floor(w), tf.ceil(w), tf.round(w), tf.floordiv(w, 2.0), tf.cast(tf.greater(w, 0.0), tf.float32),
               tf.cast(tf.argmax(w, 1), tf.float32), tf.cast(tf.cast(w, tf.int32), tf.float32), tf.stop_gradient(w),
               tf.cast(tf.equal(w, 0.3), tf.float32), tf.one_hot(tf.argmax(w, 1), 2)]
    assert [tf.gradients(tf.reduce_sum(t), w) for t in blocked] == [[None]] * len(blocked)  # TF 2.21 compat.v1
    passing = [tf.sign(w), tf.floormod(w, 2.0), tf.maximum(w, 0.0), tf.nn.relu(w - 10.0)]
    values = run([tf.gradients(tf.reduce_sum(t), w)[0] for t in passing])
    expected = [[[0, 0], [0, 0]], [[1, 1], [1, 1]], [[1, 0], [1, 1]], [[0, 0], [0, 0]]]  # TF 2.21 compat.v1
    for value, want in zip(values, expected):
        np.testing.assert_array_equal(value, want)


def test_an_optimizer_updates_a_variable_whose_gradient_folded_to_zero_as_tf1():
    """lam = 0 folds V out of the loss; TF1 still passes V a zero gradient, and Ftrl's l2 term moves it."""
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.5], [-0.25]])
    V = tf.Variable([[1.0, 2.0]])
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - 1.0)) + 0.0 * tf.nn.l2_loss(V)
    optimizer = tf.train.FtrlOptimizer(0.5, l2_regularization_strength=0.3)
    assert [g is None for g, _ in optimizer.compute_gradients(loss, [W, V])] == [False, False]
    train = optimizer.minimize(loss)
    feed = {X: np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]], np.float32)}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(3):
            session.run(train, feed)
        weights, v = session.run([W, V])
    np.testing.assert_allclose(weights, [[0.43050188], [0.31282765]], rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_array_equal(v, [[0.0, 0.0]])  # TF 2.21 compat.v1


def test_a_cost_reaching_a_variable_also_through_argmax_floor_and_round_as_tf1():
    """The ops without a gradient are held constant; the variable's other paths still count."""
    w = tf.Variable([[1.5, -2.0], [0.3, 4.0]])
    cost = tf.reduce_sum(w) + tf.reduce_sum(tf.cast(tf.argmax(w, 1), tf.float32)) + tf.reduce_sum(tf.floor(w) * w) \
        + tf.reduce_sum(tf.round(w * 3.0))
    assert run(tf.gradients(cost, w))[0].tolist() == [[2.0, -1.0], [1.0, 5.0]]  # TF 2.21 compat.v1: 1 + floor(w)


def test_grad_ys_and_stop_gradients_as_tf1():
    w = tf.Variable([[1.5, -2.0], [0.3, 4.0]])
    h = tf.square(w)
    y = tf.reduce_sum(h * 2.0, 1)
    a = tf.constant(0.0)
    b = 2 * a
    grads = [tf.gradients(y, w, grad_ys=tf.constant([1.0, -2.0]))[0],
             tf.gradients([y, tf.reduce_sum(w)], w, grad_ys=[tf.constant([1.0, 3.0]), 2.0])[0],
             *tf.gradients(a + b, [a, b], stop_gradients=[a, b]),
             tf.gradients(tf.reduce_sum(y), [h, w], stop_gradients=[h])[0]]
    assert tf.gradients(tf.reduce_sum(y) + tf.reduce_sum(h), w, stop_gradients=[h]) == [None]  # TF 2.21 compat.v1
    assert tf.gradients(tf.reduce_sum(y), [h, w], stop_gradients=[h])[1] is None
    values = run(grads)
    # TF 2.21 compat.v1
    np.testing.assert_allclose(values[0], [[6.0, -8.0], [-2.4000001, -32.0]], rtol=1e-6)
    np.testing.assert_allclose(values[1], [[8.0, -6.0], [5.6000004, 50.0]], rtol=1e-6)
    assert values[2:4] == [1.0, 1.0] and values[4].tolist() == [[2.0, 2.0], [2.0, 2.0]]


def test_bad_arguments_raise_typed_errors():
    w = tf.Variable([1.0, 2.0])
    cost = tf.reduce_sum(w * w)
    with pytest.raises(ValueError, match="unconnected_gradients"):
        tf.gradients(cost, w, unconnected_gradients="ones")
    with pytest.raises(ValueError, match="Passed 2 grad_ys for 1 ys"):
        tf.gradients(cost, w, grad_ys=[1.0, 2.0])
    with pytest.raises(UnsupportedOperationError, match="expected tensors"):
        tf.gradients(cost, "w")


def test_the_gradient_of_a_slice_of_a_long_vector_is_linear_in_memory():
    """The adjoint of ``v[1:]`` places the gradient into zeros (``runtime.place``); it was a product with an
    ``eye(n - 1, n)`` block: 144 MB here, 1.6 GB for 20 000 entries (probe F12's relative)."""
    import tracemalloc
    n = 6000
    v = tf.Variable(np.arange(n, dtype=np.float32))
    cost = tf.reduce_sum(v[1:] * tf.constant(np.linspace(0, 1, n - 1).astype(np.float32)))
    (grad,) = tf.gradients(cost, v)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(grad)  # compiled here; the run below allocates only its arrays
        tracemalloc.start()
        try:
            value = session.run(grad)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 2**20  # the eye block alone was 6000 * 5999 * 4 bytes
    np.testing.assert_allclose(value[1:], np.linspace(0, 1, n - 1), rtol=1e-6)
    assert value[0] == 0.0


def test_hessians_of_costs_that_are_not_quadratic_as_tf1():
    """Column by column (H e_j is the gradient of g_j) where the Hessian has no matrix form."""
    u = tf.Variable([1.0, 2.0, -0.5])
    cases = [(tf.reduce_prod(u), [[0.0, -0.5, 2.0], [-0.5, 0.0, 1.0], [2.0, 1.0, 0.0]]),
             (tf.reduce_sum(tf.sin(u) * u[0]), [[0.23913, -0.41615, 0.87758], [-0.41615, -0.9093, 0.0],
                                               [0.87758, 0.0, 0.47943]]),
             (tf.exp(tf.reduce_sum(u * u)), [[1143.3976, 1524.53, -381.1325], [1524.53, 3430.1929, -762.265],
                                              [-381.1325, -762.265, 571.6988]]),
             (tf.square(tf.reduce_sum(u)) * tf.reduce_sum(u), [[15.0] * 3] * 3)]  # TF 2.21 compat.v1, rounded
    blocks = [tf.hessians(cost, u)[0] for cost, _ in cases]
    assert all(block.shape.as_list() == [3, 3] for block in blocks)
    for value, (_, expected) in zip(run(blocks), cases):
        np.testing.assert_allclose(value, expected, rtol=1e-5, atol=1e-5)
    with pytest.raises(UnsupportedOperationError, match="at most 64"):
        tf.hessians(tf.reduce_sum(tf.exp(tf.Variable(np.zeros(65)))), tf.get_default_graph().variables[-1])
