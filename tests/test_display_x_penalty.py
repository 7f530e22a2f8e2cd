"""The course's network plus an L2 (or L1) penalty in its parameters: the course's derivation with the penalty's term.

Oracles: the printed coefficient of the penalty's term against ``sympy.diff`` of the penalty written entry by
entry; every parameter line's numbers against ``sympy.diff`` of the whole cost written entry by entry (scalars
only, no symopt), against central finite differences of a hand-written NumPy cost, and against
``symopt.compile``.
"""

import functools

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.display.course import CourseDerivation
from symopt.display.derivation import Derivation

LAMBDA = sympy.Symbol("lambda", positive=True)
RNG = np.random.default_rng(7)
X_DATA = RNG.normal(size=(2, 4))
Y_DATA = np.array([[1.0, 0.0, 1.0, 0.0]])
W1_DATA, B1_DATA = RNG.normal(size=(3, 2)), RNG.normal(size=(3, 1))
W2_DATA, B2_DATA = RNG.normal(size=(1, 3)), np.array([[0.2]])
LAMBDA_VALUE = 0.7

X = symopt.Placeholder("X", (2, None))
Y = symopt.Placeholder("Y", (1, None))
W1, b1 = symopt.Variable("W1", 0.0, shape=(3, 2)), symopt.Variable("b1", 0.0, shape=(3, 1))
W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 3)), symopt.Variable("b2", 0.0, shape=(1, 1))
AT = {X: X_DATA, Y: Y_DATA, W1: W1_DATA, b1: B1_DATA, W2: W2_DATA, b2: B2_DATA}


def _cross_entropy():
    A2 = ops.sigmoid(ops.bias_add(ops.matmul(W2, ops.tanh(ops.bias_add(ops.matmul(W1, X), b1))), b2))
    ones = sympy.OneMatrix(*A2.shape)
    return -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]


def _squares():
    return ops.sum(ops.square(W1)) + ops.sum(ops.square(W2))


M = X.shape[1]
COSTS = {  # name: (cost, extra values for at=, the penalty as a function of the NumPy weights and λ)
    "0.01": (_cross_entropy() + 0.01 * _squares(), {}, lambda w1, w2, lam: 0.01 * (np.sum(w1**2) + np.sum(w2**2))),
    "lambda/(2m)": (_cross_entropy() + LAMBDA / (2 * M) * _squares(), {LAMBDA: LAMBDA_VALUE},
                    lambda w1, w2, lam: lam / (2 * 4) * (np.sum(w1**2) + np.sum(w2**2))),
    "lambda": (_cross_entropy() + LAMBDA * _squares(), {LAMBDA: LAMBDA_VALUE},
               lambda w1, w2, lam: lam * (np.sum(w1**2) + np.sum(w2**2))),
}

BACKWARD = "\n".join([
    "backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions "
    "kept; the penalty's gradient is added to dW₁, dW₂ (dZ does not read the penalty))",
    "  dZ₂ = A₂ - Y",
    "  dW₂ = (1/m) dZ₂ A₁ᵀ + {term}W₂",
    "  db₂ = (1/m) Σ dZ₂",
    "  dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²)",
    "  dW₁ = (1/m) dZ₁ Xᵀ + {term}W₁",
    "  db₁ = (1/m) Σ dZ₁",
])


@pytest.mark.parametrize("name, cost_line, term", [
    ("0.01", "J = (1/m) Σ L + 0.01·sum(W₁∘²) + 0.01·sum(W₂∘²)", "0.02 "),
    ("lambda/(2m)", "J = (1/m) Σ L + λ(sum(W₁∘²) + sum(W₂∘²))/(2m)", "(λ/m) "),
    ("lambda", "J = (1/m) Σ L + λ(sum(W₁∘²) + sum(W₂∘²))", "2λ "),
])
def test_the_course_form_plus_the_penalty_term(name, cost_line, term):
    derivation = symopt.derive(COSTS[name][0], [W1, b1, W2, b2], shapes=False)
    assert isinstance(derivation, CourseDerivation)
    text = str(derivation)
    assert text.splitlines()[:6] == ["forward", "  Z₁ = W₁ X + b₁", "  A₁ = tanh(Z₁)", "  Z₂ = W₂ A₁ + b₂",
                                     "  A₂ = σ(Z₂)", "  L = -(Y·log(A₂) + (1 - Y)·log(1 - A₂))"]
    assert text.splitlines()[6] == "  " + cost_line
    assert "\n".join(text.splitlines()[7:]) == BACKWARD.format(term=term)


def test_the_printed_penalty_terms_are_sympys_derivatives():
    """``(λ/m) W₁`` and ``2λ W₁`` are what sympy.diff gives for each entry of the penalty as written."""
    m = sympy.Symbol("m", positive=True)
    w = sympy.Matrix(3, 2, lambda i, j: sympy.Symbol(f"w{i}{j}"))
    squares = sum(entry**2 for entry in w)
    for penalty, coefficient in [(LAMBDA / (2 * m) * squares, LAMBDA / m), (LAMBDA * squares, 2 * LAMBDA),
                                 (sympy.Float(0.01) * squares, sympy.Float(0.02))]:
        for entry in w:
            assert sympy.simplify(sympy.diff(penalty, entry) - coefficient * entry) == 0


def test_latex_and_code_of_the_penalty_term():
    derivation = symopt.derive(COSTS["lambda/(2m)"][0], [W1, b1, W2, b2])
    assert r"\underset{3 \times 2}{dW_{1}} &= \frac{1}{m} \underset{3 \times m}{dZ_{1}} \cdot " \
           r"\underset{m \times 2}{X^{T}} + \frac{\lambda}{m} \underset{3 \times 2}{W_{1}}" in derivation.latex()
    code = symopt.derive(COSTS["lambda"][0], [W1, b1, W2, b2], notation="code").code().splitlines()
    assert code[1] == "dW2 = 1/m * dZ2 @ A1.T + 2*lambda_ * W2  # (1×3)"
    assert code[4] == "dW1 = 1/m * dZ1 @ X.T + 2*lambda_ * W1  # (3×2)"
    code = symopt.derive(COSTS["0.01"][0], [W1, W2], notation="code").code().splitlines()
    assert code[1] == "dW2 = 1/m * dZ2 @ A1.T + 0.02 * W2  # (1×3)"


def _numpy_cost(w1, b1_, w2, b2_, penalty, lam):
    a2 = 1 / (1 + np.exp(-(w2 @ np.tanh(w1 @ X_DATA + b1_) + b2_)))
    loss = -(Y_DATA * np.log(a2) + (1 - Y_DATA) * np.log(1 - a2))
    return np.mean(loss) + penalty(w1, w2, lam)


def _finite_differences(penalty, lam) -> tuple:
    arrays = [W1_DATA, B1_DATA, W2_DATA, B2_DATA]
    gradients = []
    for index, array in enumerate(arrays):
        gradient = np.zeros_like(array)
        for position in np.ndindex(array.shape):
            shifted = []
            for sign in (1, -1):
                moved = [a.copy() for a in arrays]
                moved[index][position] += sign * 1e-6
                shifted.append(_numpy_cost(*moved, penalty, lam))
            gradient[position] = (shifted[0] - shifted[1]) / 2e-6
        gradients.append(gradient)
    return tuple(gradients)


@functools.lru_cache(maxsize=None)
def _sympy_gradient(name) -> tuple:
    """The cost written in SymPy scalars (no symopt): one example's loss in symbols x, y differentiated with
    sympy.diff and summed over the examples, plus sympy.diff of the penalty written entry by entry."""
    w1 = sympy.Matrix(3, 2, lambda i, j: sympy.Symbol(f"w1_{i}{j}"))
    c1 = sympy.Matrix(3, 1, lambda i, j: sympy.Symbol(f"c1_{i}"))
    w2 = sympy.Matrix(1, 3, lambda i, j: sympy.Symbol(f"w2_{j}"))
    c2, y = sympy.Symbol("c2"), sympy.Symbol("y")
    x = sympy.Matrix(2, 1, lambda i, j: sympy.Symbol(f"x{i}"))
    a = 1 / (1 + sympy.exp(-((w2 * (w1 * x + c1).applyfunc(sympy.tanh))[0, 0] + c2)))
    loss = -(y * sympy.log(a) + (1 - y) * sympy.log(1 - a))
    squares = sum(e**2 for e in w1) + sum(e**2 for e in w2)
    penalty = {"0.01": sympy.Float(0.01) * squares, "lambda/(2m)": LAMBDA / 8 * squares,
               "lambda": LAMBDA * squares}[name]
    parameters = [list(w1), list(c1), list(w2), [c2]]
    entries = [entry for group in parameters for entry in group]
    point = [*W1_DATA.ravel(), *B1_DATA.ravel(), *W2_DATA.ravel(), B2_DATA.item()]
    loss_gradient = sympy.lambdify([*entries, *x, y], [sympy.diff(loss, e) for e in entries])
    penalty_gradient = sympy.lambdify([*entries, LAMBDA], [sympy.diff(penalty, e) for e in entries])
    total = np.mean([loss_gradient(*point, *X_DATA[:, k], Y_DATA[0, k]) for k in range(4)], axis=0)
    total = total + np.asarray(penalty_gradient(*point, LAMBDA_VALUE), dtype=float)
    shapes, start, gradients = [(3, 2), (3, 1), (1, 3), (1, 1)], 0, []
    for shape in shapes:
        gradients.append(total[start:start + int(np.prod(shape))].reshape(shape))
        start += int(np.prod(shape))
    return tuple(gradients)


@pytest.mark.parametrize("name", ["0.01", "lambda/(2m)", "lambda"])
def test_numbers_match_sympy_finite_differences_and_compile(name):
    cost, extra, penalty = COSTS[name]
    derivation = symopt.derive(cost, [W1, b1, W2, b2], at={**AT, **extra})
    shown = [np.asarray(derivation.values[derivation.line(f"d{p}").symbol]) for p in ("W1", "b1", "W2", "b2")]
    _, compiled = symopt.compile(cost, [W1, b1, W2, b2])({**AT, **extra})
    for line, by_sympy, by_differences, by_compile in zip(shown, _sympy_gradient(name),
                                                          _finite_differences(penalty, LAMBDA_VALUE), compiled):
        np.testing.assert_allclose(line, by_sympy, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(line, by_differences, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(line, by_compile, rtol=1e-9, atol=1e-12)
    expected_cost = _numpy_cost(W1_DATA, B1_DATA, W2_DATA, B2_DATA, penalty, LAMBDA_VALUE)
    cost_line = next(line for line in str(derivation).splitlines() if line.startswith("  J = "))
    assert cost_line.endswith(f" = {round(expected_cost, 4):g}")


def test_an_l1_penalty_reads_sign():
    cost = _cross_entropy() + 0.5 * ops.sum(ops.abs(W1))
    derivation = symopt.derive(cost, [W1], at=AT, shapes=False)
    assert derivation.code().splitlines()[-1] == "dW1 = 1/m * dZ1 @ X.T + 0.5 * np.sign(W1)"
    line = next(line for line in str(derivation).splitlines() if line.startswith("  dW₁"))
    assert line.startswith("  dW₁ = (1/m) dZ₁ Xᵀ + 0.5 sign(W₁) = ")
    _, (compiled,) = symopt.compile(cost, [W1])(AT)
    np.testing.assert_allclose(derivation.values[derivation.line("dW1").symbol], compiled, rtol=1e-9)


def test_ridge_regression_with_examples_as_rows_and_a_scalar_placeholder():
    data, labels = symopt.Placeholder("D", (None, 3)), symopt.Placeholder("t", (None, 1))
    w, c = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("c", 0.0, shape=(1, 1))
    lam = symopt.Placeholder("lam", ())
    cost = ops.mean(ops.square(ops.bias_add(data @ w, c) - labels)) + lam * ops.sum(ops.square(w))
    rng = np.random.default_rng(3)
    values = {data: rng.normal(size=(5, 3)), labels: rng.normal(size=(5, 1)), w: rng.normal(size=(3, 1)), lam: 0.3}
    derivation = symopt.derive(cost, [w, c], at=values, shapes=False)
    lines = str(derivation).splitlines()
    assert lines[3] == "  J = (1/m) Σ L + lam·sum(w∘²) = " + f"{round(_ridge(values, data, labels, w), 4):g}"
    assert lines[6].startswith("  dw = (1/m) Dᵀ dZ + 2·lam w = ")
    expected = 2 * values[data].T @ (values[data] @ values[w] - values[labels]) / 5 + 2 * 0.3 * values[w]
    np.testing.assert_allclose(derivation.values[derivation.line("dw").symbol], expected, rtol=1e-12)


def _ridge(values, data, labels, w):
    residual = values[data] @ values[w] - values[labels]
    return float(np.mean(residual**2) + 0.3 * np.sum(values[w] ** 2))


def test_penalties_that_are_not_in_the_parameters_keep_the_general_derivation():
    on_data = _cross_entropy() + 0.1 * ops.sum(ops.square(X))
    assert isinstance(symopt.derive(on_data, [W1, b1]), Derivation)
    lam = symopt.Variable("lam", 0.1)
    differentiated = _cross_entropy() + lam * _squares()
    assert isinstance(symopt.derive(differentiated, [W1, lam]), Derivation)


def test_a_missing_lambda_is_a_feed_error():
    with pytest.raises(symopt.errors.FeedError, match="missing a value for lambda"):
        symopt.derive(COSTS["lambda"][0], [W1], at=AT)
