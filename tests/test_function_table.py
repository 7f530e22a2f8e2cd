"""Every function of symopt's one table (``symopt.functions.TABLE``), walked end to end.

For each call form (``log(w)``, ``log(w, v)``, ...) at points on both sides of any kink:

1. it parses into the table's own function;
2. the ``math`` backend (float64 scalars) computes the value of a 40-digit mpmath reference;
3. ... and the gradient of mpmath's numerical derivative (``mpmath.diff``);
4. the NumPy backend, applied elementwise to a matrix of those points (``v`` a scalar parameter
   inside the elementwise body), computes the same values and gradients;
5. the NumPy backend in float32 computes the value in float32;
6. the gradient equals ``sympy.diff``'s (zero for the piecewise-constant functions, where
   SymPy answers with DiracDelta or an unevaluated Derivative);
7. the gradient equals central finite differences of the compiled NumPy cost.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt.functions import TABLE
from symopt.nodes import ElementSum, elementwise
from symopt.parse import parse_expression

w = symopt.Variable("w", 0.0)
v = symopt.Variable("v", 0.0)
mp = mpmath.mp

#: name -> [(text, values of w, value of v)]
FORMS = {
    "relu": [("relu(w)", [0.37, -0.61], 0.0)],
    "leaky_relu": [("leaky_relu(w)", [0.37, -0.61], 0.0), ("leaky_relu(w, v)", [0.37, -0.61], 0.3)],
    "sigmoid": [("sigmoid(w)", [0.37, -3.5], 0.0)],
    "softplus": [("softplus(w)", [0.37, -3.5], 0.0)],
    "step": [("step(w)", [0.37, -0.61], 0.0)],
    "exp": [("exp(w)", [0.37, -1.2], 0.0)],
    "log": [("log(w)", [0.37, 2.5], 0.0), ("log(w, v)", [0.37, 2.5], 1.7)],
    "sqrt": [("sqrt(w)", [0.37, 2.5], 0.0)],
    "abs": [("abs(w)", [0.37, -0.61], 0.0)],
    "sign": [("sign(w)", [0.37, -0.61], 0.0)],
    "floor": [("floor(w)", [1.37, -0.61], 0.0)],
    "ceil": [("ceil(w)", [1.37, -0.61], 0.0)],
    "min": [("min(w, v)", [0.37, -0.61], 0.1), ("min(w, v, 0.5)", [0.37, -0.61, 0.8], 0.1)],
    "max": [("max(w, v)", [0.37, -0.61], 0.1), ("max(w, v, -0.5)", [0.37, -0.61, -0.8], 0.1)],
    "sin": [("sin(w)", [0.37, -2.61], 0.0)],
    "cos": [("cos(w)", [0.37, -2.61], 0.0)],
    "tan": [("tan(w)", [0.37, -1.1], 0.0)],
    "asin": [("asin(w)", [0.37, -0.61], 0.0)],
    "acos": [("acos(w)", [0.37, -0.61], 0.0)],
    "atan": [("atan(w)", [0.37, -2.61], 0.0)],
    "atan2": [("atan2(w, v)", [0.37, -0.61], -0.8)],
    "sinh": [("sinh(w)", [0.37, -2.61], 0.0)],
    "cosh": [("cosh(w)", [0.37, -2.61], 0.0)],
    "tanh": [("tanh(w)", [0.37, -2.61], 0.0)],
    "asinh": [("asinh(w)", [0.37, -2.61], 0.0)],
    "acosh": [("acosh(w)", [1.37, 2.61], 0.0)],
    "atanh": [("atanh(w)", [0.37, -0.61], 0.0)],
    "erf": [("erf(w)", [0.37, -1.61], 0.0)],
    "erfc": [("erfc(w)", [0.37, 2.61], 0.0)],
    "log1p": [("log1p(w)", [3e-9, -0.61], 0.0)],
    "expm1": [("expm1(w)", [3e-9, -1.61], 0.0)],
}

#: Independent references: mpmath at 40 digits.
REFERENCE = {
    "relu": lambda x: max(x, 0),
    "leaky_relu": lambda x, a=mpmath.mpf(1) / 5: max(x, a * x),
    "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x)),
    "softplus": lambda x: mpmath.log(1 + mpmath.exp(x)),
    "step": lambda x: mpmath.mpf(1 if x > 0 else 0),
    "exp": mpmath.exp,
    "log": lambda x, b=None: mpmath.log(x) if b is None else mpmath.log(x) / mpmath.log(b),
    "sqrt": mpmath.sqrt,
    "abs": abs,
    "sign": mpmath.sign,
    "floor": mpmath.floor,
    "ceil": mpmath.ceil,
    "min": lambda *args: min(args),
    "max": lambda *args: max(args),
    "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan,
    "asin": mpmath.asin, "acos": mpmath.acos, "atan": mpmath.atan, "atan2": mpmath.atan2,
    "sinh": mpmath.sinh, "cosh": mpmath.cosh, "tanh": mpmath.tanh,
    "asinh": mpmath.asinh, "acosh": mpmath.acosh, "atanh": mpmath.atanh,
    "erf": mpmath.erf, "erfc": mpmath.erfc,
    "log1p": mpmath.log1p, "expm1": mpmath.expm1,
}
#: sympy.diff answers these with DiracDelta or an unevaluated Derivative; symopt's derivative is 0.
PIECEWISE_CONSTANT = {"step", "sign", "floor", "ceil"}
CASES = [(name, *form) for name, forms in FORMS.items() for form in forms]
CHECKS = 7


def _reference(name: str, text: str, w_value: float, v_value: float):
    """mpmath value of the call ``text`` at (w, v): the arguments are parsed from the text's argument list."""
    args = [a.strip() for a in text[text.index("(") + 1:-1].split(",")]
    values = {"w": w_value, "v": v_value}
    return REFERENCE[name](*(mpmath.mpf(values[a]) if a in values else mpmath.mpf(a) for a in args))


def _reference_gradient(name, text, w_value, v_value):
    with mp.workdps(40):
        d_w = mpmath.diff(lambda t: _reference(name, text, t, v_value), mpmath.mpf(w_value))
        d_v = mpmath.diff(lambda t: _reference(name, text, w_value, t), mpmath.mpf(v_value)) if "v" in text else 0
    return float(d_w), float(d_v)


def test_every_table_entry_has_forms_and_a_reference():
    assert set(FORMS) == set(TABLE) == set(REFERENCE)
    assert len(CASES) * CHECKS >= 7 * len(TABLE)


def test_docs_list_every_function():
    from pathlib import Path
    text = Path(__file__).parents[1].joinpath("docs", "functions.md").read_text()
    for name in TABLE:
        assert f"`{name}(" in text, name


@pytest.mark.parametrize("name, text, w_values, v_value", CASES, ids=[c[1] for c in CASES])
def test_table_entry(name, text, w_values, v_value):
    mp.dps = 40
    expr = parse_expression(text, symbols={"w": w, "v": v})
    params = [w, v] if "v" in text else [w]
    # 1. the table's own function
    built = TABLE[name].build(w, v) if "v" in text else TABLE[name].build(w)
    assert expr.func == built.func or expr == built.subs({sympy.Symbol("0.5"): 0.5})
    scalar = symopt.compile(expr, params, dtype="float64")
    single = symopt.compile(expr, params, dtype="float32")
    assert "numpy" not in scalar.source, scalar.source  # the math backend
    expected = [float(_reference(name, text, x, v_value)) for x in w_values]
    expected_gradients = [_reference_gradient(name, text, x, v_value) for x in w_values]
    gradient_exprs = symopt.grad(expr, params)
    for x, value, gradient in zip(w_values, expected, expected_gradients):
        point = {"w": x, "v": v_value} if "v" in text else {"w": x}
        got_value, got_gradient = scalar(**point)
        got_gradient = list(got_gradient)
        # 2. value, 3. gradient on the math backend
        assert got_value == pytest.approx(value, rel=1e-13, abs=1e-15)
        np.testing.assert_allclose(got_gradient, gradient[:len(params)], rtol=1e-8, atol=1e-10)
        # 5. float32
        value32, _ = single(**point)
        assert np.asarray(value32).dtype == np.float32
        assert float(value32) == pytest.approx(value, rel=2e-6, abs=1e-6)
        # 6. sympy.diff
        at = {w: sympy.Float(x, 30), v: sympy.Float(v_value, 30)}
        for symbol, ours in zip(params, gradient_exprs):
            ours_value = float(sympy.sympify(ours).subs(at).evalf(20))
            if name in PIECEWISE_CONSTANT:
                assert ours == 0
            else:
                assert ours_value == pytest.approx(float(sympy.diff(expr, symbol).subs(at).evalf(20)), rel=1e-12,
                                                   abs=1e-14)
    # 4. NumPy backend, elementwise over a column of the points, v a scalar inside the body
    column = symopt.Variable("C", 0.0, shape=(len(w_values), 1))
    cost = ElementSum(elementwise(lambda t: expr.xreplace({w: t}), column))
    matrix_params = [column, v] if "v" in text else [column]
    function = symopt.compile(cost, matrix_params, dtype="float64")
    point = {"C": np.array(w_values).reshape(-1, 1), "v": v_value}
    value, gradients = function(**{k: point[k] for k in ("C", "v") if k in ("C", *("v" * ("v" in text)))})
    gradients = list(gradients)
    assert value == pytest.approx(sum(expected), rel=1e-13, abs=1e-14)
    np.testing.assert_allclose(gradients[0].ravel(), [g[0] for g in expected_gradients], rtol=1e-8, atol=1e-10)
    if "v" in text:
        assert gradients[1] == pytest.approx(sum(g[1] for g in expected_gradients), rel=1e-8, abs=1e-10)
    # 7. central finite differences of the compiled NumPy cost
    eps = 1e-6
    for row in range(len(w_values)):
        plus, minus = point["C"].copy(), point["C"].copy()
        plus[row] += eps
        minus[row] -= eps
        args = {"v": v_value} if "v" in text else {}
        numeric = (function(C=plus, **args)[0] - function(C=minus, **args)[0]) / (2 * eps)
        assert gradients[0][row, 0] == pytest.approx(numeric, rel=1e-6, abs=1e-7)
