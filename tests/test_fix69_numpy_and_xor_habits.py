"""P69-1, P69-2, P69-3: a learner's NumPy/MATLAB habits on symbolic expressions get a symopt error naming what
they wrote and what to write, where they got a bare Python/NumPy TypeError or advice for another function.

Oracles: Python's own operators on numbers (``3 ** 2`` is the power, ``3 ^ 2`` is 1), NumPy's behaviour for
plain numbers, and SymPy's logic for plain Symbols (``p ^ q`` is ``Xor(p, q)``)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 1.0)
W = symopt.Variable("W", np.zeros((3, 1)))
X = symopt.Placeholder("X", (None, 3))


@pytest.mark.parametrize("make, fix", [(lambda: (w - 3) ^ 2, r"write \(w - 3\)\*\*2"), (lambda: w ^ 2, r"write w\*\*2"),
                                       (lambda: 2 ^ w, r"write 2\*\*w"), (lambda: w ^ w, r"write w\*\*w"),
                                       (lambda: W ^ 2, r"symopt\.ops\.power\(W, 2\)")])
def test_caret_is_refused_naming_the_power(make, fix):
    assert 3 ^ 2 == 1 and 3 ** 2 == 9  # Python's ^ is xor on numbers: never the power
    with pytest.raises(UnsupportedOperationError, match=r"\^ is Python's bitwise exclusive or") as raised:
        make()
    assert raised.match(fix)


def test_sympy_logic_keeps_its_xor():
    p, q = sympy.symbols("p q")
    assert (p ^ q) == sympy.Xor(p, q)
    assert sympy.Integer(3) ^ 2 == 1  # SymPy's integers keep the bitwise xor


@pytest.mark.parametrize("function, spelling", [(np.exp, "sympy.exp"), (np.tanh, "sympy.tanh"), (np.log, "sympy.log"),
                                                (np.arctan, "sympy.atan")])
def test_numpy_functions_of_an_array_of_symbols_name_the_sympy_function(function, spelling):
    w0, w1 = symopt.Variable("w0", 1.0), symopt.Variable("w1", -1.0)
    with pytest.raises(TypeError) as raised:  # NumPy's own error, caused by the entry's missing method
        function(np.array([w0, w1]))
    cause = str(raised.value.__cause__)
    assert f"numpy.{function.__name__} of an object array" in cause and f"Write {spelling}(w0)" in cause
    assert function(np.array([0.5, 0.25])).shape == (2,)  # numbers are NumPy's as before


def test_numpy_exp_of_a_matrix_variable_as_an_array_names_ops_exp_of_the_matrix():
    with pytest.raises(TypeError) as raised:
        np.exp(np.asarray(W))
    assert "symopt.ops.exp(W) of the matrix itself" in str(raised.value.__cause__)


@pytest.mark.parametrize("make, called, fix", [
    (lambda: np.maximum(X @ W, 0), "numpy.maximum", r"symopt\.ops\.relu\(X\*W\) for numpy\.maximum\(X\*W, 0\)"),
    (lambda: np.max(X @ W), "numpy.max", "No symopt.ops function takes the largest entry"),
    (lambda: np.linalg.norm(W), "numpy.linalg.norm", r"symopt\.ops\.l2_penalty\(W\)"),
    (lambda: np.clip(X @ W, 0, 1), "numpy.clip", r"sympy\.Min\(sympy\.Max\(t, low\), high\)"),
    (lambda: np.outer(W, W), "numpy.outer", r"a @ b\.T"),
    (lambda: np.dot(X, W), "numpy.dot", r"X @ W for numpy\.dot"),
    (lambda: np.sum(X @ W), "numpy.sum", r"symopt\.ops\.sum\(X\*W\)"),
])
def test_numpy_functions_of_a_matrix_name_the_function_called_and_its_fix(make, called, fix):
    with pytest.raises(UnsupportedOperationError, match=rf"^{called} of the symbolic matrix") as raised:
        make()
    assert raised.match(fix)
    assert "symopt.ops.exp(z)" not in str(raised.value)


def test_the_advised_relu_is_numpys_maximum():
    Xs, Ws = np.array([[1.0, -2.0, 0.5], [-1.0, 0.0, 2.0]]), np.array([[1.0], [1.0], [1.0]])
    value = symopt.evaluate(ops.relu(X @ W), {X: Xs, W: Ws})
    np.testing.assert_array_equal(np.asarray(value, dtype=float), np.maximum(Xs @ Ws, 0))


def test_a_fixed_shape_matrix_expression_keeps_numpys_entrywise_conversion():
    A = symopt.Placeholder("A", (2, 3))
    total = np.sum(np.asarray(A @ W))  # an array of entries, as for any SymPy matrix of known size
    assert sympy.simplify(total - sum((A @ W)[i, 0] for i in range(2))) == 0
