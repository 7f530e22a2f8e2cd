"""P92-3: SymPy's own printers (``lambdify``, ``pycode``) print symopt's functions in their elementary form, and that
form is parenthesized, so a power, reciprocal, negation or product of one is computed as written.

Oracle: each function's definition written here in mpmath at 50 digits, independently of symopt."""

import math

import mpmath
import pytest
import sympy

import symopt
from symopt.functions import in_float, log_where_nonzero, reciprocal_where_nonzero, step, stop_gradient
from symopt.safe_slopes import inverse_hypot, one_minus_square

mpmath.mp.dps = 50
w = sympy.Symbol("w")
POINTS = (2.0, -1.5, 0.5)

#: name -> (symopt expression of w, its definition in mpmath)
FUNCTIONS = {
    "sigmoid": (symopt.sigmoid(w), lambda t: 1 / (1 + mpmath.exp(-t))),
    "relu": (symopt.relu(w), lambda t: max(t, 0)),
    "softplus": (symopt.softplus(w), lambda t: mpmath.log(1 + mpmath.exp(t))),
    "step": (step(w), lambda t: 1 if t > 0 else 0),
    "leaky_relu": (symopt.leaky_relu(w, sympy.Rational(1, 5)), lambda t: t if t > 0 else t / 5),
    "stop_gradient": (stop_gradient(w), lambda t: t),
    "in_float": (in_float(w, 64), lambda t: t),
    "log_where_nonzero": (log_where_nonzero(w + 3, 2), lambda t: mpmath.log(t + 3)),
    "reciprocal_where_nonzero": (reciprocal_where_nonzero(w + 3, 2), lambda t: 1 / (t + 3)),
    "inverse_hypot": (inverse_hypot(w), lambda t: 1 / mpmath.sqrt(t * t + 1)),
    "one_minus_square": (one_minus_square(w), lambda t: 1 - t * t),
}

#: how the function sits in the cost: (expression of f, the same in mpmath)
CONTEXTS = {
    "square": (lambda f: f ** 2, lambda v: v ** 2),
    "cube": (lambda f: f ** 3, lambda v: v ** 3),
    "reciprocal": (lambda f: 1 / (f + sympy.Rational(1, 7)), lambda v: 1 / (v + mpmath.mpf(1) / 7)),
    "bare reciprocal": (lambda f: 1 / f, lambda v: 1 / v),
    "negation": (lambda f: -f, lambda v: -v),
    "product": (lambda f: 3 * w * f, None),
    "power of two": (lambda f: 2 ** f, lambda v: mpmath.mpf(2) ** v),
    "difference": (lambda f: 1 - f, lambda v: 1 - v),
}


def _cases():
    for name, (function, _) in FUNCTIONS.items():
        for context in CONTEXTS:
            if context == "bare reciprocal" and name in ("relu", "step", "leaky_relu"):
                continue  # 0 or a sign change at the points
            yield name, context


@pytest.mark.parametrize("module", ["numpy", "math", "mpmath"])
@pytest.mark.parametrize("name, context", list(_cases()))
def test_lambdify_computes_the_mathematical_value(name, context, module):
    function, exact_function = FUNCTIONS[name]
    build, exact_context = CONTEXTS[context]
    compiled = sympy.lambdify(w, build(function), modules=module)
    for point in POINTS:
        inner = exact_function(mpmath.mpf(point))
        exact = 3 * mpmath.mpf(point) * inner if exact_context is None else exact_context(inner)
        assert float(compiled(point)) == pytest.approx(float(exact), rel=1e-12, abs=1e-300), (name, context, point)


def test_the_reported_cases():
    assert sympy.lambdify(w, symopt.sigmoid(w) ** 2, "numpy")(2.0) == pytest.approx(0.7758034925743758, rel=1e-14)
    assert sympy.lambdify(w, 1 / symopt.sigmoid(w))(2.0) == pytest.approx(1 + math.exp(-2.0), rel=1e-14)
    assert sympy.pycode(1 / symopt.sigmoid(w)) == "1/(1/(1 + math.exp(-w)))"


def test_str_of_the_code_only_slopes_is_parenthesized():
    assert str(one_minus_square(w) ** 2) == "(1 - w**2)**2"
    assert str(2 * one_minus_square(w)) == "2*(1 - w**2)"
    assert str(-one_minus_square(w)) == "-(1 - w**2)"
    assert sympy.sympify(str(1 / one_minus_square(w))) == 1 / (1 - w ** 2)
