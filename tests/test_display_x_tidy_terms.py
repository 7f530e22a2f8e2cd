"""The display's tidy (cancel / factor / expand) is skipped where the expansion may hold more than TIDY_TERMS terms
(probe U8: an 8-symbol product of sums cubed, or a short sum of fractions with a 480-term common denominator, ran
for minutes).  Counted, not timed: what cancel and factor are handed; the numbers against sympy.diff."""

from __future__ import annotations

import pytest
import sympy

from symopt.display import backward, derive
from symopt.display.tidy import TIDY_TERMS, terms_bound

a = sympy.symbols("a1:9")
CYCLE = sympy.Mul(*[(a[i] + a[(i + 1) % 8]) for i in range(8)]) ** 3
FRACTIONS = 1 / sympy.Add(*a) ** 3 + (a[0] + a[1]) / (a[0] * a[1] + a[2] * a[3] + a[4] * a[5] + a[6] * a[7])
TOWER = sympy.Add(*a) ** 8 * sympy.exp(a[0])
POINT = {symbol: sympy.Rational(index + 1, 10) for index, symbol in enumerate(a)}


@pytest.fixture
def handed(monkeypatch):
    """terms_bound of every expression tidy hands to cancel or factor; a larger one fails at once."""
    sizes = []
    for name in ("cancel", "factor"):
        original = getattr(sympy, name)

        def recorded(expr, *args, _original=original, **kwargs):
            sizes.append(terms_bound(expr))
            if sizes[-1] > TIDY_TERMS:
                raise AssertionError(f"tidy expanded an expression of up to {sizes[-1]} terms")
            return _original(expr, *args, **kwargs)
        monkeypatch.setattr(sympy, name, recorded)
    return sizes


@pytest.mark.parametrize("cost", [CYCLE, FRACTIONS, TOWER], ids=["cycle", "fractions", "tower"])
def test_large_expansions_are_shown_as_derived(handed, cost):
    derivation = derive(cost, list(a), at=POINT)
    for symbol in a:
        expected = float(sympy.diff(cost, symbol).subs(POINT))
        assert float(derivation.numbers[backward.adjoint_symbol(symbol)]) == pytest.approx(expected, rel=1e-12)


def test_small_expressions_are_still_tidied(handed):
    y, s = sympy.symbols("y s")
    assert str(derive(-(y * sympy.log(s) + (1 - y) * sympy.log(1 - s)), s)).splitlines()[-1] \
        == "  dJ/ds = (y - s)/(s² - s)"
    assert str(derive((a[0] + a[1]) ** 2 - a[0] ** 2, a[0])).splitlines()[-1] == "  dJ/da₁ = 2a₂"
    assert handed and max(handed) <= TIDY_TERMS


@pytest.mark.parametrize("expr", [
    (a[0] + a[1] + a[2]) ** 4, (a[0] + a[1]) * (a[2] - a[3]) ** 2 + a[4], 1 / (a[0] + a[1]) ** 2 + a[2] / (a[3] - 1),
    (a[0] * a[1] + 1) ** 3 / (a[2] + a[3] + a[4]), sympy.exp(a[0]) * (a[0] + a[1]) ** 3])
def test_terms_bound_bounds_what_cancel_expands(expr):
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
    expanded = [len(sympy.Add.make_args(sympy.expand(part))) for part in (numerator, denominator)]
    assert max(expanded) <= terms_bound(expr)
