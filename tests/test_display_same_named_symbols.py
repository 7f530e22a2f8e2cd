"""Different symbols of one name in the displays: ``Symbol("w")`` beside ``Symbol("w", real=True)``, and two
Variables named ``W`` (a layer helper called twice).  The first keeps its name, the next prints with a prime
(``w′``, LaTeX ``w'``, ``W_1`` in NumPy code as in symopt's generated code), the same in ``derive`` and ``graph``;
every number is checked against NumPy written here.

Before: the derivation printed ``w = 1, w = 2`` and two lines ``dJ/dw``; the graph's formulas said ``w`` where its
edges said ``w′``; the ops graph drew both ``W`` as one node; a network's derivation printed ``dW`` twice, and with
``at=`` raised (its two ``dW`` lines were one symbol when the shapes agreed)."""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.display.backward import adjoint_symbol

RNG = np.random.default_rng(3)


def test_derive_and_graph_name_two_scalars_of_one_name_apart():
    plain, real = sympy.Symbol("w"), sympy.Symbol("w", real=True)
    shown = symopt.derive(plain**2 + 3 * real, [plain, real], at={plain: 1, real: 2})
    assert str(shown).splitlines() == [
        "forward (w = 1, w′ = 2)", "  u = w² = 1", "  J = u + 3·w′ = 7",
        "backward", "  dJ/du = 1", "  dJ/dw = dJ/du · du/dw = 2w = 2", "  dJ/dw′ = 3",
        "gradient", "  dJ/dw = 2w = 2", "  dJ/dw′ = 3"]
    latex = shown.latex().splitlines()
    assert latex[1] == r"&\text{forward} \quad w = 1,\; w' = 2 \\"
    assert latex[-3:-1] == [r"\frac{dJ}{dw} &= 2 w = 2 \\", r"\frac{dJ}{dw'} &= 3"]
    drawn = str(symopt.graph(plain**2 + 3 * real)).splitlines()
    assert drawn[:3] == ["w", "w′", "u = w²  ← w"]
    label, reads = drawn[3].split("  ← ")
    assert (label, set(reads.split(", "))) == ("J = u + 3·w′", {"u", "w′"})


def _two_layers():
    """A helper that makes each layer's ``W`` and ``b`` with the same names, called twice."""
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 1))

    def dense(h, n_in, n_out, activation):
        W = symopt.Variable("W", RNG.normal(size=(n_in, n_out)))
        b = symopt.Variable("b", RNG.normal(size=(1, n_out)))
        return activation(ops.bias_add(h @ W, b)), W, b

    hidden, W1, b1 = dense(X, 3, 4, ops.tanh)
    out, W2, b2 = dense(hidden, 4, 1, ops.sigmoid)
    return ops.mean(ops.square(out - Y)), X, Y, (W1, b1, W2, b2)


def _numpy_gradients(x, y, w1, b1, w2, b2):
    hidden = np.tanh(x @ w1 + b1)
    out = 1 / (1 + np.exp(-(hidden @ w2 + b2)))
    dz2 = 2 * (out - y) * out * (1 - out) / len(x)
    dz1 = dz2 @ w2.T * (1 - hidden**2)
    return x.T @ dz1, dz1.sum(0, keepdims=True), hidden.T @ dz2, dz2.sum(0, keepdims=True)


def test_a_network_of_two_layers_named_alike_derives_with_primes_and_right_numbers():
    cost, X, Y, parameters = _two_layers()
    x, y = RNG.normal(size=(5, 3)), RNG.uniform(size=(5, 1))
    values = [np.asarray(p.init, dtype=float) for p in parameters]
    shown = symopt.derive(cost, list(parameters), at={X: x, Y: y, **dict(zip(parameters, values))})
    lines = str(shown).splitlines()
    assert lines[1].startswith("  Z₁ = X W + b = ") and lines[3].startswith("  Z₂ = A₁ W′ + b′ = ")
    assert [line.split(" = ")[0] for line in lines[8:14]] == [
        "  dZ₂ (m×1)", "  dW′ (4×1)", "  db′ (1×1)", "  dZ₁ (m×4)", "  dW (3×4)", "  db (1×4)"]
    for parameter, expected in zip(parameters, _numpy_gradients(x, y, *values)):
        np.testing.assert_allclose(shown.values[adjoint_symbol(parameter)], expected, rtol=1e-10)
    code = symopt.derive(cost, list(parameters), notation="code").text().splitlines()
    assert [line.split(" = ")[0] for line in code] == ["dZ2", "dW_1", "db_1", "dZ1", "dW", "db"]
    assert code[3].startswith("dZ1 = dZ2 @ W_1.T * ")


def test_the_graphs_draw_two_matrices_named_alike_as_two_nodes():
    cost, *_ = _two_layers()
    values = str(symopt.graph(cost)).splitlines()
    assert values[:7] == ["b", "b′", "m", "W", "W′", "X", "Y"]
    assert "v = A₁·W′  ← A₁, W′" in values
    operations = symopt.graph(cost, "ops")
    inputs = [node.id for node in operations.nodes() if node.kind == "input"]
    assert inputs == ["b", "b′", "m", "W", "W′", "X", "Y"]  # the ops drawing had one W and one b
    assert "v: matmul  ← A₁, W′" in str(operations).splitlines()


def test_every_line_of_a_matrix_derivation_with_two_same_shaped_matrices_named_alike():
    X = symopt.Placeholder("X", (None, 2))
    first, second, x = RNG.normal(size=(2, 2)), RNG.normal(size=(2, 2)), RNG.normal(size=(3, 2))
    Wa, Wb = symopt.Variable("W", first), symopt.Variable("W", second)
    shown = symopt.derive(ops.sum(ops.tanh(X @ Wa) @ Wb), [Wa, Wb], steps="all", at={X: x, Wa: first, Wb: second})
    hidden = np.tanh(x @ first)
    np.testing.assert_allclose(shown.numbers[adjoint_symbol(Wa)],
                               x.T @ ((np.ones((3, 2)) @ second.T) * (1 - hidden**2)), rtol=1e-10)
    np.testing.assert_allclose(shown.numbers[adjoint_symbol(Wb)], hidden.T @ np.ones((3, 2)), rtol=1e-10)
    gradient = str(shown).splitlines()[-2:]
    assert gradient[0].startswith("  dJ/dW = ") and gradient[1].startswith("  dJ/dW′ = tanh(XW)ᵀ·𝟙 = ")


def test_the_graph_shows_names_whose_glyphs_coincide_as_typed_as_derive_does():
    """probe6 P20 in the graph: ``x1`` and ``x_1`` both drew as ``x₁`` (edges ``x₁`` and ``x₁′``)."""
    w, x1, x_1 = sympy.symbols("w x1 x_1")
    drawn = str(symopt.graph(x1 * w + x_1 * w**2, at={w: 1, x1: 2, x_1: 3})).splitlines()
    assert drawn[:3] == ["w = 1, dJ/dw = 8", "x1 = 2, dJ/dx1 = 1", "x_1 = 3, dJ/dx_1 = 1"]
    derived = str(symopt.derive(x1 * w + x_1 * w**2, [w, x1, x_1], at={w: 1, x1: 2, x_1: 3})).splitlines()
    assert derived[-3:] == ["  dJ/dw = 2w·x_1 + x1 = 8", "  dJ/dx1 = w = 1", "  dJ/dx_1 = w² = 1"]


def test_explain_tells_two_scalars_of_one_name_apart():
    """explain keyed its findings by name: the second ``w``'s finding (fine, 3) replaced the first's (0)."""
    plain, real = sympy.Symbol("w"), sympy.Symbol("w", real=True)
    shown = symopt.explain((plain - 1) ** 2 + 3 * real, [plain, real], at={plain: 1, real: 2})
    assert str(shown).splitlines() == ["explain (w = 1, w′ = 2)", "  w: zero: dJ/dw = 0",
                                       "    stationary point: dJ/dw = 2w - 2 is 0 at w = 1: J is flat along w here; "
                                       "d²J/dw² = 2 > 0: a minimum along w", "    at dw = 2u",
                                       "  w′: fine: dJ/dw′ = 3"]
    assert shown.finding(plain).status == "zero" and shown.finding(real).status == "fine"


def test_explain_of_a_network_of_two_layers_named_alike():
    cost, X, Y, parameters = _two_layers()
    x, y = RNG.normal(size=(5, 3)), RNG.uniform(size=(5, 1))
    values = [np.asarray(p.init, dtype=float) for p in parameters]
    shown = symopt.explain(cost, list(parameters), at=dict(zip(parameters, values)), data={X: x, Y: y})
    lines = str(shown).splitlines()[1:]
    assert [line.split(":")[0] for line in lines] == ["  W", "  b", "  W′", "  b′"]
    for line, expected in zip(lines, _numpy_gradients(x, y, *values)):
        assert line.endswith(f"(largest |entry| {float(np.abs(expected).max()):.4g})")
