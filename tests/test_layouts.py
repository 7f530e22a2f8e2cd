"""minimize keeps a product's weight column-major, its gradient computed (Δᵀ A)ᵀ, where the BLAS gives the same bits
either way round and is faster (symopt.layouts): the decision's logic, and with the decision forced, the same
numbers as a hand-written NumPy loop on every path a run can take (mini-batches in place, a callback's functional
steps, the full-batch loop, a resumed checkpoint), the same bits as the row-major step, and results row-major."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.calculus import grad
from symopt.fused import compile_step
from symopt import layouts
from symopt.layouts import column_major_gradients

SIZES = (6, 5, 3)


@pytest.fixture
def measured_faster(monkeypatch):
    """Every weight measured, with the same bits and faster column-major: what this CPU's BLAS answers is not what
    these tests are about (its kernel decides, review8 R8-10); yields the monkeypatch."""
    monkeypatch.setattr(layouts, "MIN_WORK", 0)
    monkeypatch.setattr(layouts, "_same_bits", lambda *arguments: True)
    monkeypatch.setattr(layouts, "_faster", lambda *arguments: True)
    monkeypatch.setattr(layouts, "DECISIONS", {})
    yield monkeypatch


def _initial(seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((SIZES[0], SIZES[1])) * 0.5, rng.standard_normal((1, SIZES[1])) * 0.1,
            rng.standard_normal((SIZES[1], SIZES[2])) * 0.5, rng.standard_normal((1, SIZES[2])) * 0.1]


def _network(values):
    X = symopt.Placeholder("X", shape=(None, SIZES[0]))
    Y = symopt.Placeholder("Y", shape=(None, SIZES[2]))
    W1 = symopt.Variable("W1", values[0], shape=values[0].shape)
    b1 = symopt.Variable("b1", values[1], shape=values[1].shape)
    W2 = symopt.Variable("W2", values[2], shape=values[2].shape)
    b2 = symopt.Variable("b2", values[3], shape=values[3].shape)
    hidden = ops.relu(ops.bias_add(X @ W1, b1))
    cost = ops.softmax_cross_entropy(ops.bias_add(hidden @ W2, b2), Y)
    return cost, [W1, b1, W2, b2], X, Y


def _data(rows=40, seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((rows, SIZES[0])), np.eye(SIZES[2])[rng.integers(0, SIZES[2], rows)]


def _hand_gradients(params, X, Y):
    """The network's gradients written by hand, the usual way round (Aᵀ Δ)."""
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ W2 + b2
    shifted = z2 - z2.max(axis=1, keepdims=True)
    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    d2 = (p - Y) / len(X)
    d1 = (d2 @ W2.T) * (z1 > 0)
    return [X.T @ d1, d1.sum(axis=0, keepdims=True), a1.T @ d2, d2.sum(axis=0, keepdims=True)]


def _hand_adam(params, batches, lr=0.01):
    """TF1's Adam by hand (hyperparameters through float32, float32 beta powers)."""
    f32 = lambda v: np.float64(np.float32(v))  # noqa: E731
    beta1, beta2, epsilon = f32(0.9), f32(0.999), f32(1e-8)
    params = [p.copy() for p in params]
    m, v = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    powers = [np.float32(0.9), np.float32(0.999)]
    for X, Y in batches:
        alpha = f32(lr) * np.sqrt(1 - np.float64(powers[1])) / (1 - np.float64(powers[0]))
        for p, g, mp, vp in zip(params, _hand_gradients(params, X, Y), m, v):
            mp += (g - mp) * (1 - beta1)
            vp += (g * g - vp) * (1 - beta2)
            p -= mp * alpha / (np.sqrt(vp) + epsilon)
        powers = [powers[0] * np.float32(0.9), powers[1] * np.float32(0.999)]
    return params


def test_only_the_gradients_of_product_weights_are_turned_round(measured_faster):
    values = _initial()
    cost, parameters, X, _ = _network(values)
    gradients = grad(cost, parameters)
    rewritten, chosen = column_major_gradients(parameters, gradients, range(4))
    assert chosen == (0, 2)
    assert [type(g) for g in rewritten] == [sympy.Transpose, type(gradients[1]), sympy.Transpose, type(gradients[3])]
    assert rewritten[1] is gradients[1] and rewritten[3] is gradients[3]
    assert rewritten[0].arg.args[1] == X  # (Δᵀ X)ᵀ


@pytest.mark.parametrize("make", [
    lambda X, W: ops.sum(ops.square(X @ W)) + ops.l2_penalty(W),  # also read elementwise: Aᵀ Δ + 2W
    lambda X, W: ops.sum(ops.square(W.T @ X.T)),  # a left factor: (2 Wᵀ Xᵀ X)ᵀ, not Aᵀ Δ
], ids=["penalised weight", "left factor"])
def test_other_weights_keep_their_gradient(make, measured_faster):
    X = symopt.Placeholder("X", shape=(None, 4))
    W = sympy.MatrixSymbol("W", 4, 3)
    gradients = grad(make(X, W), [W])
    assert column_major_gradients([W], gradients, (0,)) == (gradients, ())


def test_a_column_weight_and_a_fixed_factor_keep_their_gradient(measured_faster):
    X, D = symopt.Placeholder("X", shape=(None, 4)), symopt.Placeholder("D", shape=(None, 3))
    fixed, E = sympy.MatrixSymbol("F", 8, 4), sympy.MatrixSymbol("E", 8, 3)  # rows that are not the batch's
    for shape, gradient, chosen in (((4, 1), X.T @ D[:, :1], ()), ((4, 3), X.T @ D, (0,)), ((4, 3), fixed.T @ E, ())):
        W = sympy.MatrixSymbol("W", *shape)
        assert column_major_gradients([W], [gradient], (0,))[1] == chosen  # (4, 1): both layouts are one
    assert layouts.chosen_weights([sympy.MatrixSymbol("W", 4, 1), sympy.MatrixSymbol("V", 4, 3)], (40,), "float64") \
        == (1,)


def test_a_weight_whose_gradient_has_a_coefficient_is_turned_round(measured_faster):
    """A mean's 1/m makes the gradient c·AᵀΔ (review8 R8-6): the regression costs courses write, ops.mean of a
    square or a sigmoid cross-entropy, get the layout as a sum's AᵀΔ does, the coefficient kept outside."""
    X, Y = symopt.Placeholder("X", shape=(None, 4)), symopt.Placeholder("Y", shape=(None, 3))
    W = symopt.Variable("W", np.zeros((4, 3)), shape=(4, 3))
    for cost in (ops.mean(ops.square(X @ W - Y)), ops.sigmoid_cross_entropy(X @ W, Y)):
        gradient = grad(cost, [W])[0]
        (rewritten,), chosen = column_major_gradients([W], [gradient], (0,))
        assert chosen == (0,)
        coefficient, (product,) = rewritten.as_coeff_matrices()
        assert coefficient == gradient.as_coeff_matrices()[0] != 1
        assert isinstance(product, sympy.Transpose) and product.arg.args[1] == X  # c (Δᵀ X)ᵀ


def test_a_mean_square_regression_kept_column_major_matches_a_hand_loop(measured_faster):
    rng = np.random.default_rng(3)
    Xv, Yv, start = rng.standard_normal((40, 4)), rng.standard_normal((40, 3)), rng.standard_normal((4, 3))
    X, Y = symopt.Placeholder("X", shape=(None, 4)), symopt.Placeholder("Y", shape=(None, 3))
    W = symopt.Variable("W", start, shape=(4, 3))
    cost = ops.mean(ops.square(X @ W - Y))
    compiled = compile_step(cost, [W], symopt.GradientDescent(0.1), [X, Y], dtype="float64", column_major=(0,))
    assert compiled.orders() == ["F"]
    result = symopt.minimize(cost, [W], data={X: Xv, Y: Yv}, optimizer=symopt.GradientDescent(0.1), steps=25)
    expected = start.copy()
    for _ in range(25):
        expected -= np.float64(np.float32(0.1)) * (2 / Yv.size) * (Xv.T @ (Xv @ expected - Yv))
    np.testing.assert_allclose(result[W], expected, rtol=1e-12, atol=1e-14)
    assert result[W].flags.c_contiguous


def _counting(monkeypatch, same_bits: bool, faster: bool) -> list:
    calls = []
    monkeypatch.setattr(layouts, "DECISIONS", {})
    monkeypatch.setattr(layouts, "_same_bits", lambda *a: calls.append("same bits") or same_bits)
    monkeypatch.setattr(layouts, "_faster", lambda *a: calls.append("faster") or faster)
    return calls


@pytest.mark.parametrize("same_bits, faster, kept", [(True, True, True), (True, False, False), (False, True, False)])
def test_a_weight_is_kept_column_major_only_with_the_same_bits_and_faster(monkeypatch, same_bits, faster, kept):
    calls = _counting(monkeypatch, same_bits, faster)
    assert layouts.column_major_pays((256, 32), 784, 256, "float64") is kept
    assert calls == (["same bits", "faster"] if same_bits else ["same bits"])  # bits first: no timing for nothing
    assert layouts.column_major_pays((256, 32), 784, 256, "float64") is kept and len(calls) <= 2  # once a shape


@pytest.mark.parametrize("rows, n, k", [((8,), 16, 16), ((100_000,), 784, 2), ((), 784, 256)],
                         ids=["too little work", "too large a trial", "no batches"])
def test_what_is_not_worth_measuring_stays_row_major(monkeypatch, rows, n, k):
    calls = _counting(monkeypatch, True, True)
    assert layouts.column_major_pays(rows, n, k, "float64") is False and calls == []


def test_the_same_bits_check_compares_both_products():
    """Whatever this CPU's BLAS does (review8 R8-10): the check says what comparing the two products of its trial
    arrays says, for every row count."""
    for rows, n, k in (((40, 8), 6, 5), ((64,), 300, 200), ((16, 8), 300, 200)):
        rng, expected = np.random.default_rng(0), True
        for count in rows:
            A, W, D = layouts._trial_arrays(count, n, k, np.float64, rng)
            expected &= np.array_equal(A @ W, A @ np.asfortranarray(W)) and np.array_equal(A.T @ D, (D.T @ A).T)
        assert layouts._same_bits(rows, n, k, np.float64) == expected


def test_the_generated_step_reads_as_it_computes(measured_faster):
    cost, parameters, X, Y = _network(_initial())
    compiled = compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64", column_major=(0, 2))
    step_lines = [line.strip() for line in compiled.step.source.splitlines()]
    assert [line for line in step_lines if line.startswith("g_W")] == ["g_W1 = (t5.T @ X).T", "g_W2 = (t4.T @ t1).T"]
    train_lines = [line.strip() for line in compiled.train.source.splitlines()]
    assert 'W1, m_W1, v_W1 = W1.copy(order="F"), m_W1.copy(order="F"), v_W1.copy(order="F")' in train_lines
    assert "b1, m_b1, v_b1 = b1.copy(), m_b1.copy(), v_b1.copy()" in train_lines
    assert compiled.orders() == ["F", "C", "F", "C"]
    plain = compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64")
    assert plain.orders() == ["C"] * 4 and "g_W1 = X.T @ t5" in plain.step.source


def _batches(X, Y, size, epochs, seed):
    """minimize's order of mini-batches: one permutation per epoch from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), size):
            index = order[start:start + size]
            yield X[index], Y[index]


def test_mini_batches_match_a_hand_written_loop(measured_faster):
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    X, Y = _data()
    result = symopt.minimize(cost, parameters, data={Xp: X, Yp: Y}, optimizer=symopt.Adam(0.01), batch_size=16,
                             epochs=3, seed=4)
    expected = _hand_adam(values, _batches(X, Y, 16, 3, 4))
    for parameter, value in zip(parameters, expected):
        np.testing.assert_allclose(result[parameter], value, rtol=1e-12, atol=1e-14)
    assert all(result[p].flags.c_contiguous for p in parameters)  # the result is row-major, as NumPy makes arrays
    assert layouts.DECISIONS[((16, 8), 6, 5, "float64")]  # ... though the run kept W1 column-major


def test_every_path_gives_the_same_run(measured_faster):
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    X, Y = _data()
    data = {Xp: X, Yp: Y}
    layouts = []

    def callback(step, cost, params):
        layouts.append(params[parameters[0]].flags.f_contiguous)
    full = symopt.minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.01), steps=30)  # the generated loop
    stepped = symopt.minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.01), steps=30, callback=callback)
    expected = _hand_adam(values, [(X, Y)] * 30)
    for parameter, value in zip(parameters, expected):
        np.testing.assert_allclose(full[parameter], value, rtol=1e-12, atol=1e-14)
        np.testing.assert_array_equal(stepped[parameter], full[parameter])
    assert layouts == [True] * 30  # the weight stays column-major from step to step


def test_a_resumed_run_follows_the_same_trajectory(tmp_path, measured_faster):
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    X, Y = _data()
    data = {Xp: X, Yp: Y}
    whole = symopt.minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.01), batch_size=16, epochs=4, seed=2)
    path = tmp_path / "run.npz"
    symopt.minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.01), batch_size=16, epochs=2, seed=2,
                    checkpoint=path)
    resumed = symopt.minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.01), batch_size=16, epochs=4,
                              seed=2, resume_from=path)
    for parameter in parameters:
        np.testing.assert_array_equal(resumed[parameter], whole[parameter])


def test_a_step_from_the_disk_cache_keeps_its_layouts(tmp_path, measured_faster):
    from symopt.compiler import CACHE
    cost, parameters, X, Y = _network(_initial())

    def compiled(column_major):
        return compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64", cache_dir=tmp_path,
                            column_major=(0, 2) if column_major else ())
    built = compiled(True)
    CACHE.clear()
    loaded = compiled(True)
    assert loaded is not built and loaded.step.source == built.step.source
    assert loaded.orders() == ["F", "C", "F", "C"]
    CACHE.clear()
    assert compiled(False).orders() == ["C"] * 4  # another entry: the row-major step is not the column-major one
    assert len(list(tmp_path.glob("step-*.json"))) == 2


def test_column_major_weights_cost_no_extra_copy(monkeypatch, measured_faster):
    """Peak memory of a mini-batch run (tracemalloc) with the weight column-major is no more than with it
    row-major: the run's own copies are made in the step's layout, not copied twice."""
    import tracemalloc
    from symopt.compiler import CACHE
    rng = np.random.default_rng(5)
    X = symopt.Placeholder("X", shape=(None, 300))
    Y = symopt.Placeholder("Y", shape=(None, 200))
    W = symopt.Variable("W_wide", rng.standard_normal((300, 200)) * 0.01, shape=(300, 200))
    cost = ops.softmax_cross_entropy(X @ W, Y)
    data = {X: rng.standard_normal((64, 300)), Y: np.eye(200)[rng.integers(0, 200, 64)]}

    def peak(column_major: bool) -> int:
        monkeypatch.setattr(layouts, "_same_bits", lambda *arguments: column_major)  # kept column-major or not
        monkeypatch.setattr(layouts, "DECISIONS", {})
        CACHE.clear()
        symopt.minimize(cost, [W], data=data, optimizer=symopt.Adam(0.01), batch_size=32, epochs=1, seed=0)  # compiled
        tracemalloc.start()
        result = symopt.minimize(cost, [W], data=data, optimizer=symopt.Adam(0.01), batch_size=32, epochs=1, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert layouts.DECISIONS[((32,), 300, 200, "float64")] is column_major and result[W].flags.c_contiguous
        return peak
    row_major, column_major = peak(False), peak(True)
    CACHE.clear()
    assert column_major <= row_major + 600 * 1024, (row_major, column_major)  # the result's C copy: 469 KiB


def test_a_weight_given_in_either_layout_runs_alike():
    """review8 R8-1: a weight the step keeps row-major, given as a Fortran-ordered array (a result of an earlier
    run, say), computes with the step's layout on every path: the same bits as from a C-ordered array."""
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    cost = cost + ops.l2_penalty(parameters[0]) * 0.01  # W1 penalised: its gradient is not one product
    X, Y = _data()
    layouts_seen = []

    def run(first, **options):
        return symopt.minimize(cost, {parameters[0]: first, **{p: v for p, v in zip(parameters[1:], values[1:])}},
                               data={Xp: X, Yp: Y}, optimizer=symopt.Adam(0.01), **options)

    def callback(step, cost, params):
        layouts_seen.append(params[parameters[0]].flags.c_contiguous)
    for options in (dict(batch_size=16, epochs=2, seed=3), dict(steps=20), dict(steps=20, callback=callback)):
        from_c, from_f = run(values[0], **options), run(np.asfortranarray(values[0]), **options)
        for parameter in parameters:
            np.testing.assert_array_equal(from_f[parameter], from_c[parameter])
    assert layouts_seen and all(layouts_seen)


def test_a_step_clipping_by_global_norm_keeps_every_weight_row_major(measured_faster):
    """review8 R8-9: the global norm sums each gradient's squares in memory order, so a column-major gradient would
    change its bits; such a step keeps the row-major layout (clipping by value, elementwise, does not)."""
    cost, parameters, X, Y = _network(_initial())

    def orders(**clip):
        return compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64", column_major=(0, 2),
                            **clip).orders()
    assert orders(clip_norm=0.5) == ["C"] * 4
    assert orders(clip_value=0.5) == orders() == ["F", "C", "F", "C"]


@pytest.mark.parametrize("rows, n, k", [((4096,), 1024, 8192), ((64,), 1024, 32000)], ids=["work", "weight"])
def test_a_layer_too_large_to_try_is_not_measured(monkeypatch, rows, n, k):
    """review8 R8-8: the trial runs about twenty products of the layer's size (an LM output layer took 30 s)."""
    calls = _counting(monkeypatch, True, True)
    assert layouts.column_major_pays(rows, n, k, "float32") is False and calls == []


def test_data_of_another_length_reuse_the_compiled_step():
    """review8 R8-11: the step is keyed on the weights chosen, not on the data's length (cross-validation folds, a
    grown dataset): a model whose weights stay row-major compiles once whatever the number of rows."""
    from symopt.compiler import CACHE
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    X, Y = _data(rows=41)
    CACHE.clear()
    for rows in (41, 40, 39):
        symopt.minimize(cost, parameters, data={Xp: X[:rows], Yp: Y[:rows]}, optimizer=symopt.Adam(0.01),
                        batch_size=16, epochs=1, seed=0)
    steps = [key for key in CACHE.entries if key and key[0] == "step"]
    assert len(steps) == 1 and steps[0][-1] == ()  # one step, nothing column-major (too little work to measure)
