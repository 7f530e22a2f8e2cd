"""Every adjoint rule, checked against central finite differences and (scalar costs) ``sympy.diff``.

Finite differences run in float64 on the compiled cost itself, at random points,
with ``rtol`` about 1e-6.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from sympy import HadamardProduct
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

import symopt
from symopt.safe_slopes import inverse_hypot, one_minus_square
from symopt import ops
from symopt.calculus import ADJOINT_RULES
from symopt.errors import UnsupportedOperationError
from symopt import functions
from symopt.nodes import ElementSum, LogSumExp, elementwise, postorder, power
from symopt.reductions import ArgMax, AsFloat, Equal, FirstMaximum, OneHot, ReduceMax, Reshape, mask_adjoint, no_adjoint
from symopt.stable import KernelCrossEntropy, LogisticLoss, LogSoftmax, Select, Softmax
from sympy.codegen.cfunctions import expm1, log1p

RNG_SEED = 20240607
EPS = 1e-6


# ------------------------------------------------------------------ helpers

def _finite_difference(function, values: dict, symbol, eps: float = EPS) -> np.ndarray:
    """Central differences of ``function(values)[0]`` with respect to every entry of ``values[symbol]``."""
    point = np.array(values[symbol], dtype=float)
    numeric = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        plus, minus = point.copy(), point.copy()
        plus[index] += eps
        minus[index] -= eps
        high = function({**values, symbol: plus})[0]
        low = function({**values, symbol: minus})[0]
        numeric[index] = (float(high) - float(low)) / (2 * eps)
    return numeric


def check_gradient(cost, params: dict, data: dict | None = None, *, rtol: float = 1e-6, atol: float = 1e-7):
    """Compiled gradient of ``cost`` at ``params`` equals central finite differences."""
    used = sympy.sympify(cost).free_symbols
    data = {k: value for k, value in (data or {}).items() if k in used}
    symbols = list(params)
    function = symopt.compile(cost, symbols, dtype="float64")
    values = {**params, **data}
    value, gradients = function(values)
    assert np.isfinite(value)
    for symbol, gradient in zip(symbols, gradients):
        numeric = _finite_difference(function, values, symbol)
        gradient = np.asarray(gradient, dtype=float)
        assert gradient.shape == numeric.shape, (symbol, gradient.shape, numeric.shape)
        np.testing.assert_allclose(gradient, numeric, rtol=rtol, atol=atol, err_msg=f"d cost / d {symbol}")
    return function, gradients


def check_against_sympy_diff(cost, params: dict):
    """symopt's reverse-mode gradient of a scalar cost equals ``sympy.diff``, evaluated at ``params``."""
    symbols = list(params)
    gradients = symopt.grad(cost, symbols)
    at = {s: sympy.Float(v, 30) for s, v in params.items()}
    for symbol, ours in zip(symbols, gradients):
        reference = sympy.diff(cost, symbol)
        ours_value = complex(sympy.sympify(ours).subs(at).evalf(25))
        reference_value = complex(reference.subs(at).evalf(25))
        assert ours_value == pytest.approx(reference_value, rel=1e-12, abs=1e-12), (symbol, ours, reference)


@pytest.fixture
def rng():
    return np.random.default_rng(RNG_SEED)


# ------------------------------------------------------------------ scalar rules

w = symopt.Variable("w", 0.7)
v = symopt.Variable("v", 1.3)
u = symopt.Variable("u", -0.4)

SCALAR_COSTS = {
    "Add": (w + v + 3 * u + 2, {w: 0.3, v: -1.2, u: 0.5}),
    "Mul": (w * v * u + 5 * w * v, {w: 0.3, v: -1.2, u: 0.5}),
    "Pow integer": (w ** 3 + v ** 2 * w - 4 / w, {w: 0.8, v: -1.2}),
    "Pow rational": (w ** sympy.Rational(3, 2) + v ** sympy.Rational(-1, 3), {w: 0.8, v: 1.7}),
    "Pow symbolic exponent": (w ** v + v ** (w * u), {w: 1.6, v: 0.9, u: -0.3}),
    "lecture cost": (w ** 2 - 10 * w + 25, {w: 0.25}),
    "exp": (sympy.exp(w * v) + sympy.exp(-w), {w: 0.3, v: 0.8}),
    "log": (sympy.log(w * v) + sympy.log(1 + w ** 2), {w: 0.6, v: 1.8}),
    "sin": (sympy.sin(w * v) * sympy.sin(w), {w: 0.6, v: 1.8}),
    "tanh": (sympy.tanh(w - v) ** 2 + sympy.tanh(u), {w: 0.6, v: 0.1, u: -0.7}),
    "sqrt": (sympy.sqrt(w ** 2 + v ** 2) + sympy.sqrt(w), {w: 0.6, v: 1.8}),
    "Abs": (sympy.Abs(w - v) + sympy.Abs(u) * w, {w: 0.6, v: 1.8, u: -0.7}),
    "sigmoid": (symopt.sigmoid(w * v + u), {w: 0.6, v: 1.8, u: -0.7}),
    "relu": (symopt.relu(w) * v + symopt.relu(-u), {w: 0.6, v: 1.8, u: -0.7}),
    "softplus": (symopt.softplus(w * v) + symopt.softplus(-u), {w: 0.6, v: 1.8, u: -0.7}),
    "leaky_relu": (symopt.leaky_relu(w, 0.2) * v + symopt.leaky_relu(u, 0.1), {w: 0.6, v: 1.8, u: -0.7}),
    "logistic loss": (-(sympy.log(symopt.sigmoid(w * v + u))), {w: 0.6, v: 1.8, u: -0.7}),
    "cos tan": (sympy.cos(w * v) + sympy.tan(u), {w: 0.6, v: 1.8, u: -0.7}),
    "inverse trig": (sympy.asin(w) + sympy.acos(u * w) + sympy.atan(v * w), {w: 0.6, v: 1.8, u: -0.7}),
    "hyperbolic": (sympy.sinh(w * v) + sympy.cosh(u) + sympy.asinh(v) + sympy.acosh(v + w) + sympy.atanh(u),
                   {w: 0.6, v: 1.8, u: -0.7}),
    "erf erfc": (sympy.erf(w * v) + sympy.erfc(u * w), {w: 0.6, v: 1.8, u: -0.7}),
    "atan2": (sympy.atan2(w, v) + sympy.atan2(u, w), {w: 0.6, v: 1.8, u: -0.7}),
    "log base": (sympy.log(w * v, 2) + sympy.log(v, w), {w: 0.6, v: 1.8}),
    "Max Min": (sympy.Max(w, v, 2 * u) ** 2 + sympy.Min(w, 0.5) * v + sympy.Min(u, w ** 2), {w: 0.6, v: 1.8, u: -0.7}),
    "sign Heaviside floor ceiling": (symopt.functions.step(w) * u + sympy.sign(w) * v + sympy.Heaviside(u) * w + sympy.floor(v) * w
                                     + sympy.ceiling(u) * v ** 2, {w: 0.6, v: 1.8, u: -0.7}),
    "Piecewise": (sympy.Piecewise((w ** 2 * v, w > u), (sympy.sin(v), v < 0), (u, True)), {w: 0.6, v: 1.8, u: -0.7}),
    "rational powers": (w ** sympy.Rational(1, 3) + (v * w) ** sympy.Rational(-2, 5), {w: 0.6, v: 1.8}),
    "log1p expm1": (log1p(w * v) + expm1(u * w) * v, {w: 0.6, v: 1.8, u: -0.7}),
    # stop_gradient's own derivative is 0; around a locally constant argument that is also the true one
    "stop_gradient": (w * symopt.functions.stop_gradient(sympy.sign(w) * sympy.floor(v)) + v ** 2, {w: 0.6, v: 1.8}),
    # a cast between floats (TF1's tf.cast): its derivative is 1; 64 bits keeps finite differences exact
    "in_float": (symopt.functions.in_float(w * v, 64) * u + w ** 2, {w: 0.6, v: 1.8, u: -0.7}),
    # the factor log x of d/dp x**p in generated code: log x, 0 where x**p is (probe21 P21-10)
    "log_where_nonzero": (symopt.functions.log_where_nonzero(w * v, u) * w, {w: 0.6, v: 1.8, u: -0.7}),
    # its derivative in the base, 1/x where x**p is not 0 (second derivatives of x**p; review11 R11-8)
    "reciprocal_where_nonzero": (symopt.functions.reciprocal_where_nonzero(w * v, u) * w, {w: 0.6, v: 1.8, u: -0.7}),
}


@pytest.mark.parametrize("name", list(SCALAR_COSTS))
def test_scalar_rule_matches_finite_differences(name):
    cost, params = SCALAR_COSTS[name]
    check_gradient(cost, params)


#: sympy.diff answers floor and ceiling with an unevaluated Derivative; symopt's rule is 0 (checked below).
SYMPY_DIFF_CANNOT = {"sign Heaviside floor ceiling"}


def test_piecewise_constant_functions_have_zero_derivative():
    cost, _ = SCALAR_COSTS["sign Heaviside floor ceiling"]
    assert symopt.grad(cost, [w, v, u]) == [sympy.Heaviside(u) + sympy.floor(v),
                                           sympy.sign(w) + 2 * v * sympy.ceiling(u), symopt.functions.step(w)]


@pytest.mark.parametrize("name", [name for name in SCALAR_COSTS if name not in SYMPY_DIFF_CANNOT])
def test_scalar_rule_matches_sympy_diff(name):
    cost, params = SCALAR_COSTS[name]
    check_against_sympy_diff(cost, params)


def test_lecture_gradient_is_exact():
    assert sympy.expand(symopt.grad(w ** 2 - 10 * w + 25, w) - (2 * w - 10)) == 0


def test_abs_gradient_at_zero_keeps_other_terms():
    """d/dw (|w| + 3w) at w = 0 is 3 (sign(0) = 0), not 0."""
    function = symopt.compile(sympy.Abs(w) + 3 * w, w)
    assert function(w=0.0) == (0.0, 3.0)
    assert function(w=-2.0) == (-4.0, 2.0)


def test_relu_gradient_at_zero_is_zero_like_tf1():
    function = symopt.compile(symopt.relu(w) + symopt.relu(w) * v, [w, v])
    assert function(w=0.0, v=2.0)[1][0] == 0.0


# ------------------------------------------------------------------ matrix rules

X = symopt.Placeholder("X", (None, 3))
Y = symopt.Placeholder("Y", (None, 2))
W = symopt.Variable("W", 0.0, shape=(3, 2))
V = symopt.Variable("V", 0.0, shape=(2, 2))
A = symopt.Variable("A", 0.0, shape=(3, 2))
B = symopt.Variable("B", 0.0, shape=(3, 2))
S = symopt.Variable("S", 0.0, shape=(3, 3))
b_row = symopt.Variable("b_row", 0.0, shape=(1, 2))
b_col = symopt.Variable("b_col", 0.0, shape=(2, 1))
s = symopt.Variable("s", 1.0)
C = symopt.Placeholder("C", (3, 2))


def _matrix_cases(rng):
    m = 5
    x = rng.normal(size=(m, 3))
    labels = np.eye(2)[rng.integers(0, 2, size=m)]
    binary = rng.integers(0, 2, size=(m, 2)).astype(float)
    values = {W: rng.normal(size=(3, 2)), V: rng.normal(size=(2, 2)), A: rng.normal(size=(3, 2)),
              B: rng.normal(size=(3, 2)), S: rng.normal(size=(3, 3)), b_row: rng.normal(size=(1, 2)),
              b_col: rng.normal(size=(2, 1)), s: 0.7}
    positive = {A: rng.uniform(0.5, 2.0, size=(3, 2))}
    data = {X: x, C: rng.normal(size=(3, 2))}
    Z = X * W

    def p(*symbols, **overrides):
        chosen = {sym: values[sym] for sym in symbols}
        for sym in symbols:
            if sym in overrides.get("positive", ()):
                chosen[sym] = positive[sym]
        return chosen

    return {
        "MatAdd": (ops.sum(ops.square(A + B - C)), p(A, B), data),
        "MatAdd with scalar multiples": (ops.sum(ops.square(2 * A - 3 * B + C)), p(A, B), data),
        "MatMul": (ops.sum(ops.square(Z)), p(W), data),
        "MatMul explicit factor of a parameter": (ops.sum(ops.tanh(X * W * sympy.Matrix([[sympy.cos(s), s ** 2],
                                                                                         [1, sympy.sin(s)]]))),
                                                  p(s, W), data),
        "MatMul chain": (ops.sum(ops.tanh(X * W * V)), p(W, V), data),
        "MatMul scalar Variable coefficient": (ops.sum(ops.square(s * Z - ops.matmul(X, A))), p(s, W, A), data),
        "MatMul scalar expression coefficient": (ops.sum(ops.sigmoid((s ** 2 + sympy.sin(s)) * A)), p(s, A), data),
        "MatMul scalar times Variable": (ops.sum(ops.square(s * W)), p(s, W), data),
        "Transpose": (ops.sum(ops.square(W.T * X.T)), p(W), data),
        "Transpose of product": (ops.sum(ops.sigmoid((A.T * B).T)) + ops.sum(ops.square(A.T * B)), p(A, B), data),
        "HadamardProduct": (ops.sum(HadamardProduct(A, B, A)), p(A, B), data),
        "HadamardProduct with data": (ops.sum(ops.hadamard(ops.tanh(A), C)), p(A), data),
        "HadamardPower square": (ops.sum(ops.square(A - B)), p(A, B), data),
        "HadamardPower cube": (ops.sum(power(A, 3)), p(A), data),
        "HadamardPower rational": (ops.sum(power(A, sympy.Rational(3, 2))), p(A, positive=(A,)), data),
        "elementwise sigmoid": (ops.sum(ops.sigmoid(Z)), p(W), data),
        "elementwise tanh": (ops.sum(ops.tanh(Z)), p(W), data),
        "elementwise relu": (ops.sum(ops.square(ops.relu(Z))), p(W), data),
        "elementwise leaky_relu": (ops.sum(ops.square(ops.leaky_relu(Z, 0.2))), p(W), data),
        "elementwise softplus": (ops.sum(ops.softplus(Z)), p(W), data),
        "elementwise exp": (ops.sum(ops.exp(0.5 * Z)), p(W), data),
        "elementwise log": (ops.sum(ops.log(A)), p(A, positive=(A,)), data),
        "elementwise sqrt": (ops.sum(ops.sqrt(A)), p(A, positive=(A,)), data),
        "elementwise abs": (ops.sum(ops.abs(Z)), p(W), data),
        "MatrixElement of a Variable": (W[0, 1] ** 2 + W[1, 0] * W[0, 0] + sympy.sin(W[2, 1]), p(W), data),
        "MatrixElement of a product": ((A.T * B)[0, 1] * (A.T * B)[1, 1], p(A, B), data),
        "MatrixSlice": (ops.sum(ops.square(A[1:3, :])) + ops.sum(ops.hadamard(Z[:, :1], ops.tanh(Z[:, 1:]))), p(A, W),
                        data),
        "ElementSum": (ops.sum(A) * ops.sum(B) + ops.sum(ops.square(A)), p(A, B), data),
        "ReduceMax along rows": (ops.sum(ops.square(ReduceMax(Z, 1))), p(W), data),
        "ReduceMax along columns and overall": (ops.sum(ReduceMax(A, 0)) + ops.sum(ReduceMax(ops.tanh(A), None)),
                                                p(A), data),
        "Reshape": (ops.sum(ops.tanh(Reshape(A, 2, 3) * W)), p(A, W), data),
        "AsFloat": (ops.sum(ops.square(AsFloat(A) - C)), p(A), data),
        "mean": (ops.mean(ops.square(Z)), p(W), data),
        "LogSumExp axis 0": (ops.sum(LogSumExp(Z, 0)), p(W), data),
        "LogSumExp axis 1": (ops.sum(LogSumExp(Z, 1)), p(W), data),
        "LogSumExp squared": (ops.sum(ops.square(LogSumExp(A, 1))), p(A), data),
        "bias_add row": (ops.sum(ops.sigmoid(ops.bias_add(Z, b_row))), p(W, b_row), data),
        "bias_add column": (ops.sum(ops.tanh(ops.bias_add(W.T * X.T, b_col))), p(W, b_col), data),
        "bias_add same shape": (ops.sum(ops.square(ops.bias_add(A, B))), p(A, B), data),
        "sum axis 0": (ops.sum(ops.square(ops.sum(Z, axis=0))), p(W), data),
        "sum axis 1": (ops.sum(ops.square(ops.sum(Z, axis=1))), p(W), data),
        "mean axis 0": (ops.sum(ops.square(ops.mean(ops.tanh(Z), axis=0))), p(W), data),
        "mean axis 1": (ops.sum(ops.square(ops.mean(ops.tanh(Z), axis=1))), p(W), data),
        "softmax": (ops.sum(ops.square(ops.softmax(Z))), p(W), data),
        "stable Softmax axis 1": (ops.sum(ops.square(Softmax(Z, 1))), p(W), data),
        "stable LogSoftmax axis 0": (ops.sum(ops.square(LogSoftmax(Z, 0))), p(W), data),
        "stable LogisticLoss": (ops.sum(ops.hadamard(LogisticLoss(A, B), C)), p(A, B), data),
        "stable Select": (ops.sum(ops.square(Select(elementwise(functions.step, C), A, 2 * B)))
                          + ops.sum(Select(elementwise(functions.step, C), s * A, s ** 2)), p(A, B, s), data),
        "log_softmax axis 0": (ops.sum(ops.square(ops.log_softmax(Z, axis=0))), p(W), data),
        "softmax_cross_entropy": (ops.softmax_cross_entropy(ops.bias_add(Z, b_row), Y), p(W, b_row),
                                  {**data, Y: labels}),
        "softmax_cross_entropy axis 0": (ops.softmax_cross_entropy(ops.bias_add(W.T * X.T, b_col), Y.T, axis=0),
                                         p(W, b_col), {**data, Y: labels}),
        "sigmoid_cross_entropy": (ops.sigmoid_cross_entropy(ops.bias_add(Z, b_row), Y), p(W, b_row),
                                  {**data, Y: binary}),
        "l2_penalty": (ops.l2_penalty(W, V, s), p(W, V, s), data),
        "regularized logistic": (ops.sigmoid_cross_entropy(Z, Y) + 0.01 * ops.l2_penalty(W), p(W),
                                 {**data, Y: binary}),
        "Trace": (sympy.Trace(S.T * S) + sympy.Trace(S) ** 2, p(S), data),
        "Determinant": (sympy.Determinant(S) + sympy.log(sympy.Determinant(S.T * S + sympy.Identity(3))), p(S), data),
        "MatPow": (ops.sum(ops.square(S * S)) + ops.sum(S ** 3), p(S), data),
        "two-layer MLP": (ops.mean(ops.square(ops.matmul(ops.relu(ops.bias_add(Z, b_row)), V) - Y)),
                          p(W, b_row, V), {**data, Y: labels}),
    }


MATRIX_CASE_NAMES = list(_matrix_cases(np.random.default_rng(0)))


@pytest.mark.parametrize("name", MATRIX_CASE_NAMES)
def test_matrix_rule_matches_finite_differences(name, rng):
    cost, params, data = _matrix_cases(rng)[name]
    check_gradient(cost, params, data)


@pytest.mark.parametrize("name", MATRIX_CASE_NAMES)
def test_matrix_rule_gradient_has_parameter_shape(name, rng):
    cost, params, _ = _matrix_cases(rng)[name]
    gradients = symopt.grad(cost, list(params))
    for symbol, gradient in zip(params, gradients):
        if getattr(symbol, "is_Matrix", False):
            assert tuple(gradient.shape) == tuple(symbol.shape), (symbol, gradient)
        else:
            assert not getattr(gradient, "is_Matrix", False)


def test_every_adjoint_rule_is_exercised():
    """The matrix cases above reach every node class in ADJOINT_RULES."""
    rng = np.random.default_rng(1)
    seen = set()
    costs = [c for c, _, _ in _matrix_cases(rng).values()] + [c for c, _ in SCALAR_COSTS.values()]
    square = sympy.MatrixSymbol("S", 3, 3)
    costs.append(sympy.Trace(sympy.MatPow(square, 2)))  # S @ S stays a product; MatPow's rule is checked in test_sympy_rules
    for cost in costs:
        for node in sympy.preorder_traversal(cost):
            for cls in type(node).__mro__:
                if cls in ADJOINT_RULES:
                    seen.add(cls)
                    break
    # MaximumMask appears only inside ReduceMax's gradient: its second derivative is in test_d5_findings.py
    # FirstMaximum likewise inside the gradient of a Max of many arguments (tests/test_probe45_max_of_many.py)
    # inverse_hypot and one_minus_square only inside generated code's slopes of asinh, asin, acos, atanh: their
    # derivatives are checked in tests/test_fix60_inverse_slopes.py
    # KernelCrossEntropy's gradient is TF1's kernel's, softmax(z) - y, not its value's derivative for labels whose rows
    # sum to other than 1: checked against TF 2.21 and hand NumPy in tests/test_fix45d_softmax_pairs.py
    differentiable = {cls for cls, rule in ADJOINT_RULES.items() if rule not in (no_adjoint, mask_adjoint)} - \
        {FirstMaximum, inverse_hypot, one_minus_square, KernelCrossEntropy}
    assert differentiable <= seen, differentiable - seen
    assert {ElementwiseApplyFunction, MatrixElement, ElementSum, LogSumExp} <= seen


@pytest.mark.parametrize("node", [ArgMax(A, 1), Equal(A, B), OneHot(ArgMax(A, 1), 2)])
def test_piecewise_constant_nodes_have_no_gradient(node):
    with pytest.raises(UnsupportedOperationError, match=f"{type(node).__name__} has no gradient"):
        symopt.grad(ops.sum(node), A)


def test_matrix_cost_of_shape_one_by_one_is_accepted(rng):
    r = symopt.Variable("r", 0.0, shape=(1, 3))
    q = symopt.Variable("q", 0.0, shape=(3, 1))
    check_gradient(r * q, {r: rng.normal(size=(1, 3)), q: rng.normal(size=(3, 1))})


def test_non_scalar_matrix_cost_is_rejected():
    with pytest.raises(symopt.errors.ShapeError, match="scalar"):
        symopt.grad(A + B, A)


def test_gradient_of_absent_parameter_is_refused_not_zero():
    with pytest.raises(symopt.errors.NoGradientError, match="does not depend on w, A"):
        symopt.grad(v ** 2, [w, A])
    gradients = symopt.calculus.adjoints(v ** 2, [w, A])  # the sweep itself: zero where absent
    assert gradients[w] == 0
    assert isinstance(gradients[A], sympy.ZeroMatrix) and gradients[A].shape == (3, 2)


# ------------------------------------------------------------------ hand-written gradients

def test_least_squares_matches_hand_written_gradient(rng):
    m = 40
    x = rng.normal(size=(m, 3))
    y_true = rng.normal(size=(m, 1))
    weights = rng.normal(size=(3, 1))
    Xp = symopt.Placeholder("X", (None, 3))
    yp = symopt.Placeholder("y", (None, 1))
    Wv = symopt.Variable("W", 0.0, shape=(3, 1))
    residual = Xp * Wv - yp
    cost = ops.sum(ops.square(residual))
    value, gradient = symopt.compile(cost, Wv)(W=weights, X=x, y=y_true)
    expected_residual = x @ weights - y_true
    np.testing.assert_allclose(value, (expected_residual ** 2).sum(), rtol=1e-12)
    np.testing.assert_allclose(gradient, 2 * x.T @ expected_residual, rtol=1e-12, atol=1e-12)
    # SymPy's own rewriting (X*W - y).T*(X*W - y) gives the same gradient
    quadratic = (residual.T * residual)
    value_q, gradient_q = symopt.compile(quadratic, Wv)(W=weights, X=x, y=y_true)
    np.testing.assert_allclose(value_q, value, rtol=1e-12)
    np.testing.assert_allclose(gradient_q, gradient, rtol=1e-12, atol=1e-12)


def test_logistic_regression_matches_hand_written_gradient(rng):
    m = 50
    x = rng.normal(size=(m, 4))
    labels = rng.integers(0, 2, size=(m, 1)).astype(float)
    weights = rng.normal(size=(4, 1))
    Xp = symopt.Placeholder("X", (None, 4))
    yp = symopt.Placeholder("y", (None, 1))
    Wv = symopt.Variable("W", 0.0, shape=(4, 1))
    # the course's form: L(a, y) = -(y log a + (1-y) log(1-a)), a = sigma(z)
    z = Xp * Wv
    a = ops.sigmoid(z)
    ones = sympy.OneMatrix(*yp.shape)
    textbook = -ops.mean(ops.hadamard(yp, ops.log(a)) + ops.hadamard(ones - yp, ops.log(ones - a)))
    stable = ops.sigmoid_cross_entropy(z, yp)
    probabilities = 1 / (1 + np.exp(-(x @ weights)))
    expected_loss = -np.mean(labels * np.log(probabilities) + (1 - labels) * np.log(1 - probabilities))
    expected_gradient = x.T @ (probabilities - labels) / m
    for cost in (stable, textbook):
        value, gradient = symopt.compile(cost, Wv)(W=weights, X=x, y=labels)
        np.testing.assert_allclose(value, expected_loss, rtol=1e-10)
        np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-9, atol=1e-12)


def test_course_computation_graph_example():
    """J = 3(a + b c) at a=5, b=3, c=2: J=33, dJ/da=3, dJ/db=3c=6, dJ/dc=3b=9."""
    a, b, c = symopt.Variable("a", 5.0), symopt.Variable("b", 3.0), symopt.Variable("c", 2.0)
    value, gradients = symopt.compile(3 * (a + b * c), [a, b, c])(a=5.0, b=3.0, c=2.0)
    assert value == 33.0
    assert list(map(float, gradients)) == [3.0, 6.0, 9.0]


# ------------------------------------------------------------------ deep nesting and unsupported nodes

def test_forty_nested_sigmoids_differentiate_in_linear_size():
    """The gradient of K nested sigmoids is a DAG of at most 5K + 4 distinct nodes (sympy.diff's grows much
    faster): per level the sigmoid, its local derivative and one unflattened adjoint product."""
    x = symopt.Variable("x", 0.3)
    expr = x
    for _ in range(40):
        expr = symopt.sigmoid(expr)
    gradient = symopt.grad(expr, x)
    assert len(postorder(gradient)) <= 5 * 40 + 4
    function = symopt.compile(expr, x)
    numeric = _finite_difference(function, {x: 0.3}, x)
    np.testing.assert_allclose(function(x=0.3)[1], numeric, rtol=1e-6, atol=1e-12)
    # the derivative is a product of sigma(1 - sigma) factors; reference by hand
    value, derivative = 0.3, 1.0
    for _ in range(40):
        value = 1 / (1 + np.exp(-value))
        derivative *= value * (1 - value)
    np.testing.assert_allclose(function(x=0.3)[1], derivative, rtol=1e-12)
    assert gradient.has(symopt.sigmoid)


def test_gradient_work_of_nested_sigmoids_grows_at_most_quadratically():
    """Doubling the depth at most quadruples the Python calls grad makes (SymPy used to sort every
    growing product by comparing nested sigmoids to their full depth: x6.2 from 20 to 40; now x3)."""
    from test_parse import count_calls
    x = symopt.Variable("x", 0.3)
    calls = []
    for depth in (20, 40):
        expr = x
        for _ in range(depth):
            expr = symopt.sigmoid(expr)
        calls.append(count_calls(lambda e=expr: symopt.grad(e, x)))
    assert calls[1] <= 4.5 * calls[0]


def test_undefined_function_raises_unsupported_operation_naming_it():
    f = sympy.Function("f")
    with pytest.raises(UnsupportedOperationError, match=r"\bf\b"):
        symopt.grad(f(w) + w ** 2, w)


def test_unknown_node_class_raises_unsupported_operation_naming_class():
    class Mystery(sympy.Expr):
        pass

    with pytest.raises(UnsupportedOperationError, match="Mystery"):
        symopt.grad(Mystery(w) * 2, w)


def test_undefined_function_inside_elementwise_raises_unsupported():
    g = sympy.Function("g")
    with pytest.raises(UnsupportedOperationError, match=r"\bg\b"):
        symopt.grad(ops.sum(ops.elementwise(g, A) if hasattr(ops, "elementwise")
                            else symopt.nodes.elementwise(g, A)), A)


def test_unsupported_error_is_a_type_error_and_symopt_error():
    assert issubclass(UnsupportedOperationError, TypeError)
    assert issubclass(UnsupportedOperationError, symopt.errors.SymoptError)
