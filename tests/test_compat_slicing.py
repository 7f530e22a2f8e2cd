"""TF1's ``x[...]`` (``tf.strided_slice``) in ``symopt.compat.v1``: shapes, names, values, gradients, training.

Expected numbers marked "TF1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_eager_execution``) running the same program, once, and pasted here.
"""

import importlib.util

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

#: The session backends to check: JAX where it is installed (an optional extra; CI runs without it).
BACKENDS = ("numpy", "jax") if importlib.util.find_spec("jax") else ("numpy",)


def weights():
    return tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10, name="W")


def run(fetches, feed=None, backend="numpy"):
    with tf.Session(config=tf.ConfigProto(backend=backend)) as session:
        session.run(tf.global_variables_initializer())
        return session.run(fetches, feed)


def test_slices_print_shapes_and_names_as_tf1_and_hold_its_values():
    tf.reset_default_graph()
    W, X, v = weights(), tf.placeholder(tf.float32, [None, 4]), tf.constant([1., 2., 3., 4.])
    slices = {"tf.matmul(X, W)[:, 0]": tf.matmul(X, W)[:, 0], "W[1:3]": W[1:3], "W[0]": W[0], "W[-1]": W[-1],
              "W[1:3, 0:2]": W[1:3, 0:2], "v[1:]": v[1:], "X[:, 1:3]": X[:, 1:3], "X[0]": X[0], "W[::-1]": W[::-1],
              "W[:, ::2]": W[:, ::2], "W[..., 1]": W[..., 1], "v[-1]": v[-1], "W[-3:-1, -2:]": W[-3:-1, -2:]}
    assert [str(t) for t in slices.values()] == [  # TF1 (its 2.x prints None for ?)
        'Tensor("strided_slice:0", shape=(?,), dtype=float32)',
        'Tensor("strided_slice_1:0", shape=(2, 3), dtype=float32)',
        'Tensor("strided_slice_2:0", shape=(3,), dtype=float32)',
        'Tensor("strided_slice_3:0", shape=(3,), dtype=float32)',
        'Tensor("strided_slice_4:0", shape=(2, 2), dtype=float32)',
        'Tensor("strided_slice_5:0", shape=(3,), dtype=float32)',
        'Tensor("strided_slice_6:0", shape=(?, 2), dtype=float32)',
        'Tensor("strided_slice_7:0", shape=(4,), dtype=float32)',
        'Tensor("strided_slice_8:0", shape=(4, 3), dtype=float32)',
        'Tensor("strided_slice_9:0", shape=(4, 2), dtype=float32)',
        'Tensor("strided_slice_10:0", shape=(4,), dtype=float32)',
        'Tensor("strided_slice_11:0", shape=(), dtype=float32)',
        'Tensor("strided_slice_12:0", shape=(2, 2), dtype=float32)']
    assert repr(W[0].op) == "<tf.Operation 'strided_slice_13' type=StridedSlice>"  # TF1
    xs = np.arange(8, dtype=np.float32).reshape(2, 4)
    values = dict(zip(slices, run(list(slices.values()), {X: xs})))
    w = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
    expected = {"tf.matmul(X, W)[:, 0]": [4.2, 11.400001], "W[1:3]": w[1:3], "W[0]": w[0], "W[-1]": w[-1],
                "W[1:3, 0:2]": w[1:3, 0:2], "v[1:]": [2., 3., 4.], "X[:, 1:3]": [[1., 2.], [5., 6.]],
                "X[0]": [0., 1., 2., 3.], "W[::-1]": w[::-1], "W[:, ::2]": [[0., .2], [.3, .5], [.6, .8], [.9, 1.1]],
                "W[..., 1]": [.1, .4, .7, 1.], "v[-1]": 4., "W[-3:-1, -2:]": [[.4, .5], [.7, .8]]}  # TF1
    for label, value in values.items():
        assert value.dtype == np.float32, label
        np.testing.assert_allclose(value, np.asarray(expected[label], np.float32), rtol=1e-6, err_msg=label)


def test_a_slice_of_a_slice_picks_from_the_base_and_single_entries_stay_entries():
    tf.reset_default_graph()
    W = weights()
    row = W[1:3][0]
    assert str(row) == 'Tensor("strided_slice_1:0", shape=(3,), dtype=float32)'
    assert row[2].expr == W.expr[1, 2] and W[1:3][1][0].expr == W.expr[2, 0] and W[-1, -1].expr == W.expr[3, 2]
    values = run([row, W[:, 1:][2:][1]])
    np.testing.assert_array_equal(values[0], np.float32([.3, .4, .5]))
    np.testing.assert_array_equal(values[1], np.float32([1., 1.1]))


def test_gradients_flow_through_rows_ranges_and_batch_columns():
    tf.reset_default_graph()
    W = weights()
    x = tf.placeholder(tf.float32, [None, 4])
    rows = tf.gradients(tf.reduce_sum(W[0] * W[0]), W)
    ranges = tf.gradients(tf.reduce_sum(W[1:3] * W[1:3]), W)
    columns = tf.gradients(tf.reduce_sum(tf.square(x[:, 1:3])), x)
    values = run([rows, ranges, columns], {x: np.arange(8, dtype=np.float32).reshape(2, 4)})
    np.testing.assert_array_equal(values[0][0], np.float32([[0, .2, .4], [0, 0, 0], [0, 0, 0], [0, 0, 0]]))  # TF1
    np.testing.assert_allclose(values[1][0], [[0, 0, 0], [.6, .8, 1.], [1.2, 1.4, 1.6], [0, 0, 0]], rtol=1e-6)  # TF1
    np.testing.assert_array_equal(values[2][0], [[0, 2, 4, 0], [0, 10, 12, 0]])  # TF1


def test_slices_with_a_positive_step_are_matrix_slices_and_negative_steps_are_bound_selections():
    """``W[2:7, 1:19:3]`` is SymPy's ``MatrixSlice`` (a NumPy view); ``W[6:1:-1, 18:0:-3]`` is ``R @ W @ C`` with 0/1
    matrices of more than 64 entries bound at run time.  The gradient of ``sum(s**2)`` is 2 W on the picked entries
    and 0 elsewhere (derived by hand with NumPy)."""
    tf.reset_default_graph()
    w = np.arange(400, dtype=np.float32).reshape(20, 20) / 100
    W = tf.Variable(w)
    for index in [(slice(2, 7), slice(1, 19, 3)), (slice(6, 1, -1), slice(18, 0, -3))]:
        picked = W[index]
        steps_up = index[0].step is None
        assert isinstance(picked.expr, sympy.MatrixSlice) == steps_up
        assert not any(isinstance(node, sympy.ImmutableMatrix) for node in sympy.preorder_traversal(picked.expr))
        expected = np.zeros_like(w)
        expected[index] = 2 * w[index]
        for backend in BACKENDS:
            value, gradient = run([picked, tf.gradients(tf.reduce_sum(picked * picked), W)[0]], backend=backend)
            np.testing.assert_array_equal(value, w[index])
            np.testing.assert_array_equal(gradient, expected)


def test_a_column_of_data_keeps_its_values_when_other_columns_are_not_finite():
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(np.ones((2, 1), np.float32))
    cost = tf.reduce_sum(tf.matmul(X[:, 1:3], W))
    gradient = tf.gradients(cost, W)[0]
    xs = np.arange(8, dtype=np.float32).reshape(2, 4)
    xs[:, 0], xs[1, 3] = np.nan, np.inf
    for backend in BACKENDS:
        column, value, grad = run([X[:, 1], cost, gradient], {X: xs}, backend=backend)
        np.testing.assert_array_equal(column, [1., 5.])  # TF1 copies the picked entries
        assert value == 1 + 2 + 5 + 6 and np.array_equal(grad, [[6.], [8.]])


#: A learner's program: a regression on pred[:, 0] with penalties read through W[1:3, 1:] and b[1:].
XS = np.linspace(-1, 1, 24, dtype=np.float32).reshape(6, 4) ** 3
YS = np.array([0.5, -1.0, 2.0, 0.25, -0.75, 1.5], np.float32)
TF1_TRAINING = {  # TF1: costs of 5 steps, then W and b, with each optimizer of OPTIMIZERS
    "gd": ([1.6066273, 1.5447848, 1.4927136, 1.448746, 1.4115096],
           [[-0.068124324, 0.1, 0.2], [0.22946332, 0.380396, 0.47549504], [0.5213273, 0.66569304, 0.760792],
            [0.8071099, 1.0, 1.1]], [0.40927473, -0.17714702, 0.118098]),
    "adam": ([1.6066273, 1.3326561, 1.1815315, 1.1358805, 1.1523709],
             [[-0.40641245, 0.1, 0.2], [-0.09689093, -0.055386916, 0.02781675], [0.20855711, 0.21455383, 0.31150645],
              [0.5100248, 1.0, 1.1]], [0.15084441, 0.11617689, -0.11709475]),
    "momentum": ([1.6066273, 1.5447848, 1.4460211, 1.3419617, 1.2593249],
                 [[-0.1750269, 0.1, 0.2], [0.11935741, 0.34865364, 0.43581703], [0.3990172, 0.6101437, 0.6973073],
                  [0.6630549, 1.0, 1.1]], [0.27253455, 0.00874801, -0.005831987]),
    "rmsprop": ([1.6066273, 1.593294, 1.5798813, 1.5664111, 1.5529056],
                [[-0.017151814, 0.1, 0.2], [0.2820859, 0.39533004, 0.49416673], [0.5799634, 0.6918489, 0.79069537],
                 [0.87645453, 1.0, 1.1]], [0.47584665, -0.2683249, 0.17819837]),
    "adagrad": ([1.6066273, 1.3980826, 1.3018202, 1.2476298, 1.2138816],
                [[-0.19542842, 0.1, 0.2], [0.10552074, 0.29562467, 0.37374955], [0.39976293, 0.5363386, 0.62064487],
                 [0.68992925, 1.0, 1.1]], [0.31033033, -0.07380117, 0.022890512]),
}
OPTIMIZERS = {"gd": lambda: tf.train.GradientDescentOptimizer(0.05), "adam": lambda: tf.train.AdamOptimizer(0.1),
              "momentum": lambda: tf.train.MomentumOptimizer(0.05, 0.9),
              "rmsprop": lambda: tf.train.RMSPropOptimizer(0.01), "adagrad": lambda: tf.train.AdagradOptimizer(0.1)}


@pytest.mark.parametrize("optimizer, backend",
                         [(name, "numpy") for name in OPTIMIZERS] +
                         [(name, "jax") for name in ("gd", "adam") if "jax" in BACKENDS])
def test_a_cost_that_reads_slices_trains_with_tf1s_numbers(optimizer, backend):
    tf.reset_default_graph()
    W = weights()
    b = tf.Variable(np.array([0.5, -0.3, 0.2], np.float32))
    X, y = tf.placeholder(tf.float32, [None, 4]), tf.placeholder(tf.float32, [None])
    pred = tf.matmul(X, W) + b
    cost = (tf.reduce_mean(tf.square(pred[:, 0] - y)) + 0.1 * tf.reduce_sum(tf.square(W[1:3, 1:]))
            + tf.reduce_sum(b[1:] ** 2))
    train = OPTIMIZERS[optimizer]().minimize(cost)
    with tf.Session(config=tf.ConfigProto(backend=backend)) as session:
        session.run(tf.global_variables_initializer())
        costs = [session.run([train, cost], {X: XS, y: YS})[1] for _ in range(5)]
        final_W, final_b = session.run([W, b])
    expected_costs, expected_W, expected_b = TF1_TRAINING[optimizer]
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-6)
    np.testing.assert_allclose(final_W, expected_W, rtol=1e-6)
    np.testing.assert_allclose(final_b, expected_b, rtol=1e-6)


def test_a_placeholder_without_a_shape_is_sliced_once_fed():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32)
    column, rows = x[:, 0], x[1:3]
    fed = np.arange(8, dtype=np.float32).reshape(4, 2)
    values = run([column, rows], {x: fed})
    np.testing.assert_array_equal(values[0], fed[:, 0])
    np.testing.assert_array_equal(values[1], fed[1:3])


def test_bad_indices_raise_tf1s_errors_before_anything_is_built():
    tf.reset_default_graph()
    W, v = weights(), tf.constant([1., 2., 3., 4.])
    with pytest.raises(ValueError, match=r"^slice index 4 of dimension 0 out of bounds\."):
        W[4]
    with pytest.raises(ValueError, match=r"^slice index 3 of dimension 1 out of bounds\."):
        W[:, 3]
    with pytest.raises(ValueError, match=r"^slice index -1 of dimension 0 out of bounds\."):  # TF1 writes -5 + 4
        W[-5]
    with pytest.raises(ValueError, match=r"^slice index 4 of dimension 0 out of bounds\."):
        v[4]
    with pytest.raises(ValueError, match=r"^strides\[0\] must be non-zero"):
        W[::0]
    with pytest.raises(ValueError, match=r"^Index out of range using input dim 2; input has only 2 dims"):
        W[0, 0, 0]
    with pytest.raises(ValueError, match="Multiple ellipses"):
        W[..., ...]
    with pytest.raises(TypeError, match=r"^Only integers, slices .* got 1\.5"):
        W[1.5]
    names_before = len(tf.get_default_graph().nodes)
    with pytest.raises(UnsupportedOperationError, match="empty tensors"):
        W[5:9]
    with pytest.raises(UnsupportedOperationError, match="tf.newaxis .* makes a rank-3 tensor"):
        W[:, None]
    assert len(tf.get_default_graph().nodes) == names_before


def test_rows_of_a_batch_raise_a_typed_error_that_says_what_works():
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4], name="X")
    pred = tf.matmul(X, weights())
    refused = r"slicing the examples of a batch \(MatMul:0\[1:3\]: dimension 0 is the batch size None, the rows\)" \
              r".*Slice the other dimension \(x\[:, 1:3\]\)"
    with pytest.raises(UnsupportedOperationError, match=refused):
        pred[1:3]
    with pytest.raises(UnsupportedOperationError, match=r"X:0\[-1, 2\] counts from the end of the batch"):
        X[-1, 2]
    first = pred[0]  # one row of a batch is a value (the first prediction), without a gradient
    np.testing.assert_allclose(run(first, {X: np.ones((2, 4), np.float32)}), [1.8, 2.2, 2.6], rtol=1e-6)
    with pytest.raises(UnsupportedOperationError, match=r"no derivative through the slice .* \(the batch size\)"):
        tf.gradients(tf.reduce_sum(first), tf.trainable_variables())


def test_gradients_through_slices_match_central_differences_in_float64():
    tf.reset_default_graph()
    start = np.linspace(-1.0, 1.0, 12).reshape(4, 3)
    W = tf.Variable(start, dtype=tf.float64)
    X = tf.placeholder(tf.float64, [None, 4])
    hidden = tf.sigmoid(tf.matmul(X, W))
    cost = tf.reduce_sum(hidden[:, 1:] ** 2) + tf.reduce_sum(tf.tanh(W[::-2, 0])) + W[2][1] * W[-1, ::2][1]
    gradient = tf.gradients(cost, W)[0]
    xs = np.linspace(-2.0, 2.0, 20).reshape(5, 4)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        symbolic = session.run(gradient, {X: xs})
        numeric = np.zeros_like(start)
        step = 1e-6
        for i, j in np.ndindex(*start.shape):
            shifted = [start.copy(), start.copy()]
            shifted[0][i, j] += step
            shifted[1][i, j] -= step
            ahead, behind = (session.run(cost, {X: xs, W: value}) for value in shifted)
            numeric[i, j] = (ahead - behind) / (2 * step)
    np.testing.assert_allclose(symbolic, numeric, rtol=1e-7, atol=1e-8)
    # column 0 reaches the cost only through W[::-2, 0], rows 3 and 1: rows 0 and 2 get an exact zero
    assert symbolic[0, 0] == 0 and symbolic[2, 0] == 0 and np.all(symbolic[[1, 3], 0] != 0)


def test_hessians_through_slices_are_tf1s():
    tf.reset_default_graph()
    v = tf.Variable(np.array([1., 2., 3.], np.float32))
    cost = tf.reduce_sum(v[1:] * v[1:]) + tf.reduce_sum(v[::-1][:2] * v[:2])
    np.testing.assert_array_equal(run(tf.hessians(cost, v))[0], [[0, 0, 1], [0, 4, 0], [1, 0, 2]])  # TF1


def test_a_reversed_slice_copies_without_a_selection_matrix():
    """``v[::-1]`` of 20 000 entries needed a 20 000 x 20 000 matrix (3.2 GB, 10 s; probe F12), then was refused; a
    negative step now copies (``v[19999::-1]`` in NumPy), its gradient the reversed gradient, with a few MiB traced
    while the graph is built and run, and ``tf.reverse`` and ``tf.tile`` the same (joined copies)."""
    import tracemalloc
    tf.reset_default_graph()
    v = tf.Variable(np.arange(20000, dtype=np.float32))
    tracemalloc.start()
    try:
        reversed_, flipped = v[::-1], tf.reverse(v, [0])
        (gradient,) = tf.gradients(tf.reduce_sum(reversed_ * np.arange(20000, dtype=np.float32)), [v])
        values = run([reversed_, flipped, gradient])
        tiled = run(tf.tile(tf.reshape(v, [20000, 1]), [2, 3]))
        assert tracemalloc.get_traced_memory()[1] < 64 * 2**20
    finally:
        tracemalloc.stop()
    assert values[0].tolist() == values[1].tolist() == list(range(19999, -1, -1))
    assert values[2].tolist() == list(range(19999, -1, -1))  # d/dv_i of sum_a v_(19999-a) * a: 19999 - i
    assert tiled.shape == (40000, 3) and tiled[20000:, 2].tolist() == tiled[:20000, 0].tolist() == list(range(20000))
