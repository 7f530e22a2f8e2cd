"""probe35 P35-1: a symbol named ``e`` beside Euler's number, and a MatrixSymbol ``I`` beside the identity, printed
exactly as the constant (``u = e - e``, ``dJ/dI = e·I + I + I + I``).  Beside such a symbol the constant is now
spelled out, ``exp(1)`` (LaTeX ``\\exp\\left(1\\right)``) and ``Id``; elsewhere they print as before.  Oracle: exact
expected strings, and the compiled gradient (2I + (1 + e)·Id) for the numbers.
"""

from __future__ import annotations

import numpy as np
import sympy

import symopt

e = sympy.Symbol("e")
COST = (e - sympy.E) ** 2


def test_a_symbol_e_beside_eulers_number_in_text_latex_and_graph():
    lines = str(symopt.derive(COST, e, at={e: 0.5})).splitlines()
    assert lines[1] == "  u = e - exp(1) = -2.21828"
    assert lines[-1] == "  dJ/de = 2e - 2·exp(1) = -4.43656"
    assert r"u &= \mathrm{e} - \exp\left(1\right) \\" in symopt.derive(COST, e).latex()
    assert "u = e - exp(1) = -2.21828" in str(symopt.graph(COST, at={e: 0.5}))


def test_exp_beside_a_symbol_e_is_spelled_out_in_latex():
    """final37 F37-6: beside a symbol named e, LaTeX wrote exp(w) as ``e^{w}`` next to ``\mathrm{e}``."""
    w = sympy.Symbol("w")
    latex = symopt.derive(sympy.exp(w) * e + sympy.E * w, w, at={w: 1.0, e: 2.0}).latex()
    assert r"\frac{dJ}{dw} &= \exp\left(1\right) + \mathrm{e} \exp\left(w\right) = 8.15485" in latex
    assert "e^{" not in latex
    assert r"e^{w}" in symopt.derive(sympy.exp(w) * w, w).latex()


def test_eulers_number_alone_is_still_e():
    w = sympy.Symbol("w")
    assert str(symopt.derive((w - sympy.E) ** 2, w)).splitlines()[1] == "  u = w - e"


def test_a_matrix_named_i_beside_the_identity():
    A = sympy.MatrixSymbol("I", 2, 2)
    cost = sympy.Trace((A + sympy.Identity(2)) * A.T) + sympy.Trace(A) * sympy.E
    shown = str(symopt.derive(cost, A)).splitlines()
    assert shown[1] == "  u = Id + I" and shown[-1] == "  dJ/dI = e·Id + I + Id + I"
    S = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(symopt.compile(cost, [A])({A: S})[1][0], 2 * S + (1 + np.e) * np.eye(2))


def test_the_identity_beside_other_matrices_is_still_i():
    A = sympy.MatrixSymbol("A", 2, 2)
    assert str(symopt.derive(sympy.Trace((A + sympy.Identity(2)) * A.T), A)).splitlines()[1] == "  u = I + A"
