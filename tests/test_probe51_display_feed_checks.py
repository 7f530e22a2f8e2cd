"""probe51 P51-6: ``derive(at=)`` / ``explain(data=)`` / ``graph(at=)`` check their values as compile checks a feed
(symopt.binding.as_value on the value as given), so complex data (imaginary part dropped), masked arrays (the numbers
under the mask), dates, text, None and records are refused with compile's FeedError instead of computed with."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import FeedError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.array([[0.5], [-0.5]]), shape=(2, 1))
COST = ops.mean(ops.square(X @ W - y))
DATA = np.array([[1.0, 2.0], [3.0, 4.0]])
LABELS = np.array([[1.0], [0.0]])
BAD = {"complex": (np.array([[1 + 5j, 2], [3, 4 - 7j]]), "complex numbers"),
       "masked": (np.ma.masked_array(DATA, [[True, False], [False, False]]), "a masked array with 1 masked entries"),
       "dates": (np.array([[1, 2], [3, 4]], "datetime64[D]"), "dates (datetime64[D])"),
       "text": (np.array([["1", "2"], ["3", "4"]]), "text (ndarray)"),
       "None": (np.array([[1.0, None], [3.0, 4.0]], object), "None inside"),
       "records": (np.rec.fromarrays([DATA[:, 0], DATA[:, 1]]), "a structured array with fields f0, f1")}


def _compile_message(value) -> str:
    with pytest.raises(FeedError) as caught:
        symopt.compile(COST, W)({X: value, y: LABELS, W: W.init})
    return str(caught.value)


@pytest.mark.parametrize("kind", sorted(BAD))
def test_derive_and_explain_refuse_what_compile_refuses(kind):
    value, told = BAD[kind]
    expected = _compile_message(value)
    assert told in expected
    with pytest.raises(FeedError) as derived:
        symopt.derive(COST, [W], at={X: value, y: LABELS, W: W.init})
    with pytest.raises(FeedError) as explained:
        symopt.explain(COST, W, at={W: W.init}, data={X: value, y: LABELS})
    assert str(derived.value) == str(explained.value) == expected


@pytest.mark.parametrize("value, told", [("5", "text (str) '5'"), (b"5", "text (bytes)"), (2 + 1j, "complex numbers"),
                                         (np.ma.masked, "masked")])
def test_a_scalar_at_value_is_checked_as_a_feed(value, told):
    a, v = sympy.symbols("a v")
    with pytest.raises(FeedError, match=r"value for a .*" + told.replace("(", r"\(").replace(")", r"\)")):
        symopt.derive(3 * a * v, v, at={a: value, v: 11})
    with pytest.raises(FeedError):
        symopt.graph(3 * a * v, at={a: value, v: 11})


def test_good_values_still_display_their_numbers():
    a, v = sympy.symbols("a v")
    for number in (Fraction(1, 2), Decimal("0.5"), np.float32(0.5), sympy.Rational(1, 2)):
        assert "J = 3av = 16.5" in str(symopt.derive(3 * a * v, v, at={a: number, v: 11})).replace(".0", "")
    text = str(symopt.derive(COST, [W], at={X: [[1, 2], [3, 4]], y: [1, 0], W: W.init}))  # a list for the column
    residual = DATA @ W.init - LABELS  # hand NumPy: J = mean(r²), dW = (2/m) Xᵀ r
    assert f"= {np.mean(residual ** 2):g}" in text
    assert symopt.compile(COST, W)({X: DATA, y: LABELS, W: W.init})[0] == pytest.approx(np.mean(residual ** 2))


def test_a_complex_sympy_number_is_no_bare_type_error():
    """binding.as_value raises a bare TypeError for sympy.I (reported for binding.py); the display keeps its own
    reading of a SymPy number with no real value (``undefined``), as before the feed check saw the value."""
    a, v = sympy.symbols("a v")
    for number in (sympy.I, 1 + 2 * sympy.I, sympy.zoo):
        assert str(symopt.derive(3 * a * v, v, at={a: number, v: 11})).splitlines()[0] == "forward (a = undefined, v = 11)"
