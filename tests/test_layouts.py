"""minimize keeps a product's weights column-major and computes their gradients (Δᵀ A)ᵀ (symopt.layouts):
the same numbers as a hand-written NumPy loop, on every path a run can take (mini-batches in place, a callback's
functional steps, the full-batch loop, a resumed checkpoint)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.calculus import grad
from symopt.fused import compile_step
from symopt.layouts import column_major_gradients

SIZES = (6, 5, 3)


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


def test_only_the_gradients_of_product_weights_are_turned_round():
    values = _initial()
    cost, parameters, X, _ = _network(values)
    gradients = grad(cost, parameters)
    rewritten, chosen = column_major_gradients(parameters, gradients)
    assert chosen == (0, 2)
    assert [type(g) for g in rewritten] == [sympy.Transpose, type(gradients[1]), sympy.Transpose, type(gradients[3])]
    assert rewritten[1] is gradients[1] and rewritten[3] is gradients[3]
    assert rewritten[0].arg.args[1] == X  # (Δᵀ X)ᵀ


@pytest.mark.parametrize("make", [
    lambda X, W: ops.sum(ops.square(X @ W)) + ops.l2_penalty(W),  # also read elementwise: Aᵀ Δ + 2W
    lambda X, W: ops.sum(ops.square(W.T @ X.T)),  # a left factor: (2 Wᵀ Xᵀ X)ᵀ, not Aᵀ Δ
], ids=["penalised weight", "left factor"])
def test_other_weights_keep_their_gradient(make):
    X = symopt.Placeholder("X", shape=(None, 4))
    W = sympy.MatrixSymbol("W", 4, 3)
    gradients = grad(make(X, W), [W])
    assert column_major_gradients([W], gradients) == (gradients, ())


def test_a_column_weight_keeps_its_gradient():
    X, D = sympy.MatrixSymbol("X", 8, 4), sympy.MatrixSymbol("D", 8, 1)
    gradient = X.T @ D  # the form a matrix weight's gradient is turned round from
    for shape, chosen in (((4, 1), ()), ((4, 3), (0,))):
        W = sympy.MatrixSymbol("W", *shape)
        assert column_major_gradients([W], [gradient])[1] == chosen  # (4, 1): both layouts are one


def test_the_generated_step_reads_as_it_computes():
    cost, parameters, X, Y = _network(_initial())
    compiled = compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64", column_major=True)
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


def test_mini_batches_match_a_hand_written_loop():
    values = _initial()
    cost, parameters, Xp, Yp = _network(values)
    X, Y = _data()
    result = symopt.minimize(cost, parameters, data={Xp: X, Yp: Y}, optimizer=symopt.Adam(0.01), batch_size=16,
                             epochs=3, seed=4)
    expected = _hand_adam(values, _batches(X, Y, 16, 3, 4))
    for parameter, value in zip(parameters, expected):
        np.testing.assert_allclose(result[parameter], value, rtol=1e-12, atol=1e-14)
    assert result[parameters[0]].flags.f_contiguous and result[parameters[2]].flags.f_contiguous


def test_every_path_gives_the_same_run():
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


def test_a_resumed_run_follows_the_same_trajectory(tmp_path):
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
    assert resumed[parameters[0]].flags.f_contiguous


def test_a_step_from_the_disk_cache_keeps_its_layouts(tmp_path):
    from symopt.compiler import CACHE
    cost, parameters, X, Y = _network(_initial())

    def compiled(column_major):
        return compile_step(cost, parameters, symopt.Adam(0.01), [X, Y], dtype="float64", cache_dir=tmp_path,
                            column_major=column_major)
    built = compiled(True)
    CACHE.clear()
    loaded = compiled(True)
    assert loaded is not built and loaded.step.source == built.step.source
    assert loaded.orders() == ["F", "C", "F", "C"]
    CACHE.clear()
    assert compiled(False).orders() == ["C"] * 4  # another entry: the row-major step is not the column-major one
    assert len(list(tmp_path.glob("step-*.json"))) == 2
