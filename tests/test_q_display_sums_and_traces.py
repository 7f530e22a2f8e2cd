"""derive / graph / explain of matrix sums with a numeric coefficient on a term (weighted losses) and of scalar
functions of a bare tr(A) (probe P3, P5: both were a raw SymPy TypeError from the display)."""

import numpy as np
import sympy
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

RNG = np.random.default_rng(3)


def weighted_least_squares():
    X = symopt.Placeholder("X", (None, 2))
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    return X, y, W, ops.sum(2 * ops.square(X @ W) + ops.square(X @ W - y))


WEIGHTED_TEXT = """forward
  u = XW
  v = u∘²
  p = u - y
  q = p∘²
  r = 2v + q
  J = sum(r)
backward
  dr = 𝟙
  dq = dr
  dp = dq∘(2p)
  dv = 2·dr
  du = dp + dv∘(2u)
  dW = Xᵀ·du
gradient
  dJ/dW = Xᵀ(4XW + 2(XW - y))"""


def test_a_weighted_matrix_sum_derives_graphs_and_explains():
    X, y, W, J = weighted_least_squares()
    derivation = symopt.derive(J, [W])
    assert str(derivation) == WEIGHTED_TEXT
    assert r"r &= 2 v + q \\" in derivation.latex()  # no step w beside W (probe20 P20-14)
    data = {X: RNG.normal(size=(5, 2)), y: RNG.normal(size=(5, 1))}
    point = {W: RNG.normal(size=(2, 1))}
    shown = np.asarray(symopt.evaluate(derivation.gradient[W], {**data, **point}), dtype=float)
    _, (compiled,) = symopt.compile(J, [W])(W=point[W], X=data[X], y=data[y])
    Xd, yd, Wd = data[X], data[y], point[W]
    by_hand = Xd.T @ (4 * Xd @ Wd + 2 * (Xd @ Wd - yd))
    np.testing.assert_allclose(shown, compiled, rtol=1e-12)
    np.testing.assert_allclose(shown, by_hand, rtol=1e-12)
    assert str(symopt.graph(J)).endswith("r = 2v + q  ← v, q\nJ = sum(r)  ← r")
    mean = ops.mean(2 * ops.square(X @ W) + ops.square(X @ W - y))
    assert str(symopt.explain(mean, [W], data=data)).startswith("explain (m = 5)")
    with pytest.raises(ConfigurationError, match=r"given a cost of the matrix parameter\(s\) W that is neither \(a sum "
                                                 r"over the examples: average it with ops.mean\)"):
        symopt.explain(J, [W], data=data)


def test_sums_of_weighted_parameters():
    A = symopt.Variable("A", 1.0, shape=(2, 2))
    B = symopt.Variable("B", 2.0, shape=(2, 2))
    derivation = symopt.derive(ops.sum(2 * A + 3 * B), [A, B])
    assert str(derivation).endswith("gradient\n  dJ/dA = 2·𝟙\n  dJ/dB = 3·𝟙")
    assert "  u = 2A + 3B\n" in str(derivation)


def two_layer_weighted():
    X = symopt.Placeholder("X", (2, None))
    Y = symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = ops.bias_add(ops.matmul(W1, X), b1)
    A1 = ops.tanh(Z1)
    A2 = ops.sigmoid(ops.bias_add(ops.matmul(W2, A1), b2))
    ones = sympy.OneMatrix(1, symopt.BATCH)
    J = -ops.sum(2 * ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]
    return J, (X, Y), (W1, b1, W2, b2)


def test_the_class_weighted_cross_entropy_of_the_course_network():
    J, (X, Y), params = two_layer_weighted()
    text = str(symopt.derive(J, list(params)))
    assert "  L = -(2Y·log(A₂) + (1 - Y)·log(1 - A₂))\n" in text
    assert "  dZ₂ (1×m) = A₂·Y + A₂ - 2Y\n" in text  # -(2Y(1 - A) - (1 - Y)A)
    code = symopt.derive(J, list(params), notation="code").code()
    m = 6
    values = {"X": RNG.normal(size=(2, m)), "Y": (RNG.random((1, m)) > 0.5) * 1.0, "W1": RNG.normal(size=(4, 2)),
              "b1": RNG.normal(size=(4, 1)), "W2": RNG.normal(size=(1, 4)), "b2": RNG.normal(size=(1, 1))}
    A1 = np.tanh(values["W1"] @ values["X"] + values["b1"])
    A2 = 1 / (1 + np.exp(-(values["W2"] @ A1 + values["b2"])))
    namespace = {"np": np, "m": m, "A1": A1, "A2": A2, **values}
    exec(code, namespace)  # the derivation's own NumPy lines
    _, gradients = symopt.compile(J, list(params))(**values)
    for symbol, compiled in zip(params, gradients):
        np.testing.assert_allclose(namespace["d" + symbol.name], compiled, rtol=1e-10, atol=1e-14)


A = symopt.Variable("A", np.eye(3), shape=(3, 3))
B = symopt.Variable("B", np.eye(3), shape=(3, 3))
w = symopt.Variable("w", 1.0)

TRACE_SQUARED = """forward
  u = tr(A)
  J = u²
backward
  dJ/du = 2u
  dJ/dA = dJ/du · du/dA = 2u·I
gradient
  dJ/dA = 2·tr(A)·I"""

TRACE_SQUARED_LATEX = r"""\begin{aligned}
&\text{forward} \\
u &= \operatorname{tr}\left(A \right) \\
J &= u^{2} \\
&\text{backward} \\
\frac{dJ}{du} &= 2 u \\
\frac{dJ}{dA} &= \frac{dJ}{du} \cdot \frac{du}{dA} = 2 u \mathbb{I} \\
&\text{gradient} \\
\frac{dJ}{dA} &= 2 \operatorname{tr}\left(A \right) \mathbb{I}
\end{aligned}"""


def test_the_square_of_a_trace_derives_as_text_and_latex():
    derivation = symopt.derive(sympy.Trace(A) ** 2, [A])
    assert str(derivation) == TRACE_SQUARED
    assert derivation.latex() == TRACE_SQUARED_LATEX


def test_a_trace_times_a_scalar_at_a_point():
    at = {A: np.arange(9).reshape(3, 3), w: 2}
    assert str(symopt.derive(sympy.Trace(A) * w, [A, w], at=at)) == """forward (A = [[0, 1, 2], [3, 4, 5], [6, 7, 8]], w = 2)
  u = tr(A) = 12
  J = wu = 24
backward
  dJ/du = w = 2
  dJ/dA = dJ/du · du/dA = wI = [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
  dJ/dw = u = 12
gradient
  dJ/dA = wI = [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
  dJ/dw = tr(A) = 12"""
    summed = str(symopt.derive(ops.sum(A) ** 2, [A], at={A: np.arange(9).reshape(3, 3)}))
    assert "  dJ/dA = 2·sum(A)·𝟙 = [[72, 72, 72], [72, 72, 72], [72, 72, 72]]" in summed


def explicit(matrix_symbol, name):
    return sympy.Matrix(3, 3, lambda i, j: sympy.Symbol(f"{name}{i}{j}"))


@pytest.mark.parametrize("cost", [sympy.Trace(A) ** 2, sympy.log(sympy.Trace(A)), sympy.Trace(A) * w,
                                  sympy.exp(sympy.Trace(A)), sympy.Trace(A) * sympy.Trace(B),
                                  sympy.Trace(A) ** 2 + sympy.Trace(B)], ids=str)
def test_functions_of_traces_agree_with_sympy_diff_and_compile(cost):
    wrt = [s for s in (A, B, w) if cost.has(s)]
    derivation = symopt.derive(cost, wrt)
    point = {A: RNG.uniform(1, 2, size=(3, 3)), B: RNG.normal(size=(3, 3)), w: 0.7}
    point = {s: v for s, v in point.items() if s in wrt}
    _, compiled = symopt.compile(cost, wrt)(**{s.name: v for s, v in point.items()})
    entries = {A: explicit(A, "a"), B: explicit(B, "b")}
    scalar = cost.xreplace({s: sympy.ImmutableMatrix(entries[s]) for s in (A, B)}).doit()
    numbers = {sym: point[s][i, j] for s in (A, B) if s in point for (i, j), sym in np.ndenumerate(
        np.array(entries[s].tolist(), dtype=object))}
    numbers.update({w: point[w]} if w in point else {})
    for symbol, computed in zip(wrt, compiled):
        shown = np.asarray(symopt.evaluate(derivation.gradient[symbol], point), dtype=float)
        if symbol is w:
            by_sympy = float(sympy.diff(scalar, w).subs(numbers))
        else:
            by_sympy = np.array(entries[symbol].applyfunc(lambda e: sympy.diff(scalar, e).subs(numbers)), dtype=float)
        np.testing.assert_allclose(shown, by_sympy, rtol=1e-12)
        np.testing.assert_allclose(shown, computed, rtol=1e-12)
    assert "Trace" not in derivation.latex() and "Trace" not in str(derivation)


def test_explain_says_the_cost_is_nan_where_a_log_of_zero_meets_a_zero_factor():
    """-(Y log A + (1 - Y) log(1 - A)) with A = 1 and Y = 1: (1 - Y)·log(1 - A) is 0·(-∞), NaN (probe P10)."""
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    A = ops.sigmoid(ops.bias_add(ops.matmul(ops.transpose(w), X), b))
    ones = sympy.OneMatrix(*A.shape)
    cost = -ops.sum(ops.hadamard(Y, ops.log(A)) + ops.hadamard(ones - Y, ops.log(ones - A))) / X.shape[1]
    data = {"X": [[800.0, 1.0], [0.0, 1.0], [0.0, 1.0]]}
    with np.errstate(all="ignore"):  # log(0) and 0·∞: the point of the test
        value, _ = symopt.compile(cost, [w, b])(w=[[1.0], [0.0], [0.0]], b=[[0.0]], Y=[[1.0, 1.0]], **data)
    assert np.isnan(value)
    kinds = dict(symopt.explain(cost, [w, b], at={"w": [[1.0], [0.0], [0.0]]},
                                data={**data, "Y": [[1.0, 1.0]]}).finding("w").causes)
    assert kinds["log of 0"] == ("1 - A = 0 in 1 of 2 entries, so log(1 - A) = -∞ and the cost is NaN (0·log 0 where "
                                 "the log's factor is 0)")
