"""Review final44e of fix69: the regressions against mine44 (F44e-9, -2, -4, -3, -6, -11) and the messages
(F44e-16, -10, -5, -17).

Oracles: SymPy in a process without symopt (the matrix-calculus identities d tr(WᵀW)/dW = 2W, d tr(AW)/dW = Aᵀ),
SymPy's own test_expr.py::test_attribute_error (``x.cos()`` is an AttributeError), NumPy's np.shape of a
non-array (its ``.shape``), TF 2.21's name regex ``[A-Za-z0-9_.\\/>-]`` (``a\\b`` is accepted), and mine44's
callback docstring ("None, False, 0 go on")."""

import subprocess
import sys

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, UnsupportedOperationError

W = symopt.Variable("W", np.zeros((3, 3)))
X = symopt.Placeholder("X", (None, 3))


def sympy_alone(code: str) -> str:
    """The printed result of ``code`` run by SymPy in a process that never imports symopt."""
    return subprocess.run([sys.executable, "-c", "import sympy\n" + code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_f44e9_sympy_expressions_gain_no_numpy_methods():
    x = sympy.Symbol("x")
    assert not hasattr(x + 1, "exp") and not hasattr(x, "log") and not hasattr(2 * x, "sin")
    with pytest.raises(AttributeError):  # SymPy's own test_expr.py::test_attribute_error
        x.cos()
    assert getattr(x, "sqrt", None) is None


def test_f44e2_sympy_matrix_identities_of_a_symopt_variable_keep_sympys_answer():
    A = sympy.MatrixSymbol("A", 3, 3)
    trace = sympy.diff(sympy.Trace(W.T * W), W)
    linear = sympy.diff(sympy.Trace(A * W), W)
    oracle = sympy_alone("W = sympy.MatrixSymbol('W', 3, 3); A = sympy.MatrixSymbol('A', 3, 3)\n"
                         "print(sympy.diff(sympy.Trace(W.T*W), W)); print(sympy.diff(sympy.Trace(A*W), W))")
    assert f"{trace}\n{linear}" == oracle == "2*W\nA.T"


def test_f44e2_a_silent_zero_is_still_refused_with_its_reason():
    with pytest.raises(UnsupportedOperationError, match=r"gives 0 for it.*symopt\.grad\(cost, W\)"):
        sympy.diff(2 * ops.sum(ops.square(W)), W)
    assert sympy_alone("W = sympy.MatrixSymbol('W', 3, 3)\nprint(sympy.diff(sympy.log(sympy.Determinant(W)), W))") == "0"
    with pytest.raises(UnsupportedOperationError, match=r"gives 0 for it"):
        sympy.diff(sympy.log(sympy.Determinant(W)), W)


def test_f44e4_numpy_shape_of_a_symbolic_matrix_is_its_shape():
    n = sympy.Symbol("n")
    B = sympy.MatrixSymbol("B", n, n)
    m = X.shape[0]
    assert np.shape(X @ W) == (m, 3) and np.ndim(X @ W) == 2
    assert np.shape(B) == (n, n) == np.shape(B * B)


def test_f44e11_numpy_like_of_a_sympy_matrix_is_numpys_type_error():
    with pytest.raises(TypeError) as raised:
        np.array([1, 2], like=sympy.ImmutableMatrix([1]))
    assert not isinstance(raised.value, AttributeError)


def test_f44e16_the_numpy_advice_keeps_the_axis():
    with pytest.raises(UnsupportedOperationError, match=r"symopt\.ops\.mean\(X\*W, axis=0\) for numpy\.mean\(X\*W, axis=0\)"):
        np.mean(X @ W, axis=0)


@pytest.mark.parametrize("answer, steps", [(1, 3), (np.int64(1), 3), (0, 10)])
def test_f44e3_a_callback_returning_one_stops_and_zero_goes_on(answer, steps):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.05), steps=10,
                             callback=lambda step, cost, params: answer if step == 3 else None)
    assert result.steps == steps


def test_f44e3_another_number_is_refused_naming_true():
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=r"callback returned 2 \(int\): expected True or 1 to stop"):
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.05), steps=10,
                        callback=lambda step, cost, params: 2)


def test_f44e6_a_tensorflow_name_with_a_backslash_is_kept():
    assert symopt.Variable("a\\b", 0.0).name == "a\\b"


@pytest.mark.parametrize("name, advised", [("w'", "w_prime"), ("w!", "w_1"), ("(w)", "w_1"), ("w⁽¹⁾", "w_1"),
                                           ("my w", "my_w")])
def test_f44e5_the_advised_name_is_never_the_name_with_characters_dropped(name, advised):
    with pytest.raises(ConfigurationError, match=f"Name it '{advised}'"):
        symopt.Variable(name, 0.0)


@pytest.mark.parametrize("make", [lambda a, w: a ^ w, lambda a, w: True ^ w, lambda a, w: w ^ a])
def test_f44e10_xor_with_a_symopt_symbol_on_either_side_is_refused(make):
    a, w = sympy.Symbol("a"), symopt.Variable("w", 1.0)
    with pytest.raises(UnsupportedOperationError, match=r"a symopt Variable or Placeholder is a number") as raised:
        make(a, w)
    assert "True**w" not in str(raised.value)
    p, q = sympy.symbols("p q")
    assert (p ^ q) == sympy.Xor(p, q)


def test_f44e17_numpy_sin_of_a_matrix_variable_names_applyfunc():
    V = symopt.Variable("V", np.zeros((3, 1)))
    with pytest.raises(TypeError) as raised:
        np.sin(np.asarray(V))
    assert "(V).applyfunc(lambda t: sympy.sin(t))" in str(raised.value.__cause__)
    assert "keep the parameters in one matrix" not in str(raised.value.__cause__)
