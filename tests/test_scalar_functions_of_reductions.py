"""``sympy.Abs``, ``sign``, ``Max`` and ``Min`` of scalars that hold matrices (``ops.sum(z)``, ``Trace(A)``,
``(x.T @ W @ x)[0, 0]``): values against NumPy, gradients against central differences.

SymPy's evaluation of these functions rebuilds its argument's tree with scalar constructors (``signsimp``,
``factor_terms``): ``Abs(ops.mean(ops.square(X @ w - y)))`` became a scalar power of the matrix (a ShapeError
about a ``Pow`` the user never wrote), ``Abs(ops.sum(ops.abs(r)))`` and ``Abs(ops.sum(ops.exp(-2 * r)))`` a
ShapeError from ``applyfunc``, ``Abs`` of a log-softmax sum an ``AttributeError``, ``Max(ops.sum(ops.exp(-2 * r)),
0.5)`` SymPy's ``TypeError: Mix of Matrix and Scalar symbols``.
"""

import itertools

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from tests.central_differences import central_difference

RNG = np.random.default_rng(1)
X_VALUE, Y_VALUE = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 1))
X_SMALL, W_VALUE, WV_VALUE = RNG.normal(size=(3, 1)), RNG.normal(size=(3, 3)), RNG.normal(size=(3, 1))
B_VALUE = 0.7

X = symopt.Placeholder("X", (None, 3))
Y = symopt.Placeholder("y", (None, 1))
x = symopt.Placeholder("x", (3, 1))
W = symopt.Variable("W", W_VALUE)
w = symopt.Variable("w", WV_VALUE)
b = symopt.Placeholder("b")


def _log_softmax_columns(z):
    top = z.max(0)
    return z - (np.log(np.exp(z - top).sum(0)) + top)


#: name -> (the reduction written with symopt, the same in NumPy of (w, W)).
REDUCTIONS = {
    "sum of squares": (lambda: ops.sum(ops.square(X @ w - Y)), lambda w, W: ((X_VALUE @ w - Y_VALUE) ** 2).sum()),
    "mean of squares": (lambda: ops.mean(ops.square(X @ w - Y)), lambda w, W: ((X_VALUE @ w - Y_VALUE) ** 2).mean()),
    "sum of abs": (lambda: ops.sum(ops.abs(X @ w - Y)), lambda w, W: np.abs(X_VALUE @ w - Y_VALUE).sum()),
    "sum of exp": (lambda: ops.sum(ops.exp(-2 * (X @ w - Y))), lambda w, W: np.exp(-2 * (X_VALUE @ w - Y_VALUE)).sum()),
    "log-softmax": (lambda: ops.sum(ops.log_softmax(X @ w - Y, axis=0)),
                    lambda w, W: _log_softmax_columns(X_VALUE @ w - Y_VALUE).sum()),
    "cube": (lambda: ops.sum(ops.power(X @ w - Y, 3)), lambda w, W: ((X_VALUE @ w - Y_VALUE) ** 3).sum()),
    "norm": (lambda: sympy.sqrt(ops.sum(ops.square(X @ w - Y))), lambda w, W: np.sqrt(((X_VALUE @ w - Y_VALUE) ** 2).sum())),
    "quadratic form": (lambda: (x.T @ W @ x)[0, 0], lambda w, W: (X_SMALL.T @ W @ X_SMALL)[0, 0]),
    "trace": (lambda: sympy.Trace(W - W.T @ W), lambda w, W: np.trace(W - W.T @ W)),
    "entry": (lambda: (W @ w)[1, 0], lambda w, W: (W @ w)[1, 0]),
}

#: name -> (a scalar expression around the reduction, the same on a float).
AROUND = {
    "itself": (lambda s: s, lambda s: s),
    "negated": (lambda s: -s, lambda s: -s),
    "scaled and shifted": (lambda s: -2 * s + b, lambda s: -2 * s + B_VALUE),
    "divided": (lambda s: -s / (b + 1), lambda s: -s / (B_VALUE + 1)),
    "squared": (lambda s: s**2 * b - 3, lambda s: s**2 * B_VALUE - 3),
}

#: name -> (the SymPy function applied last, the same on a float).
FUNCTIONS = {
    "Abs": (sympy.Abs, abs),
    "sign": (lambda e: sympy.sign(e) * e, lambda v: np.sign(v) * v),
    "Max": (lambda e: sympy.Max(e, 0.5), lambda v: max(v, 0.5)),
    "Min": (lambda e: sympy.Min(e, -0.5), lambda v: min(v, -0.5)),
    "Max of three": (lambda e: sympy.Max(e, -e, b), lambda v: max(v, -v, B_VALUE)),
}


@pytest.mark.parametrize("function, reduction", itertools.product(FUNCTIONS, REDUCTIONS))
def test_scalar_function_of_a_reduction_matches_numpy_and_central_differences(function, reduction):
    build, reference_reduction = REDUCTIONS[reduction]
    apply, reference_function = FUNCTIONS[function]
    for around, (wrap, reference_wrap) in AROUND.items():
        cost = apply(wrap(build()))
        wrt = [symbol for symbol in (w, W) if cost.has(symbol)]
        data = {name: value for name, symbol, value in (("X", X, X_VALUE), ("y", Y, Y_VALUE), ("x", x, X_SMALL),
                                                        ("b", b, B_VALUE)) if cost.has(symbol)}
        value, gradients = symopt.compile(cost, wrt)(**{str(s): v for s, v in zip(wrt, _values(wrt))}, **data)

        def reference(w_value, W_value):
            return reference_function(reference_wrap(reference_reduction(w_value, W_value)))

        assert np.isclose(value, reference(WV_VALUE, W_VALUE)), (function, reduction, around)
        for symbol, gradient in zip(wrt, gradients):
            index = 0 if symbol is w else 1
            expected = central_difference(reference, [WV_VALUE.copy(), W_VALUE.copy()], index)
            np.testing.assert_allclose(gradient, expected, rtol=1e-5, atol=1e-6, err_msg=f"{function} {reduction} {around}")


def _values(wrt):
    return [WV_VALUE if symbol is w else W_VALUE for symbol in wrt]


def test_abs_of_a_scaled_reduction_keeps_the_matrix_as_written():
    """SymPy still takes the constant out (|-2 s| = 2|s|); the elementwise square below the sum stays one."""
    reduction = ops.sum(ops.square(X @ w - Y))
    assert sympy.Abs(-2 * reduction) == 2 * sympy.Abs(reduction)
    assert sympy.Abs(-2 * reduction).has(sympy.HadamardPower)
