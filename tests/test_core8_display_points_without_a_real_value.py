"""probe12 V15, V11, V9 (log at 0): the displays at points where SymPy's number is not the code's.
V15: relu / max / leaky_relu of a value with no real number (log(-1) = iπ, sqrt(-1), acosh(0.5)) or complex infinity
raised SymPy's raw ValueError/TypeError ("not comparable") in derive, explain and graph; they now show it as the code's
NaN ("undefined").  V11: an at= integer beyond float64 (2**1024) raised a raw OverflowError; it is compile's FeedError.
V9: log(0) is -∞ as in the code (SymPy: complex infinity, shown "undefined")."""

import math

import pytest
import sympy

import symopt
from symopt.errors import FeedError

w = symopt.Variable("w", 1.0)
NOT_REAL = {"relu(log(w)) at -1": (symopt.relu(sympy.log(w)), -1.0),
            "max(sqrt(w), 0) at -1": (sympy.Max(sympy.sqrt(w), 0), -1.0),
            "leaky_relu(acosh(w)) at 0.5": (symopt.leaky_relu(sympy.acosh(w), 0.2), 0.5)}
ENTRIES = {"derive": lambda c, x: str(symopt.derive(c, w, at={w: x})),
           "explain": lambda c, x: str(symopt.explain(c, w, at={w: x})),
           "graph": lambda c, x: symopt.graph(c, at={w: x}).text()}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("name", sorted(NOT_REAL))
def test_a_comparison_of_no_real_number_is_shown(name, entry):
    cost, x = NOT_REAL[name]
    assert math.isnan(float(symopt.compile(cost, w)(w=x)[0]))
    shown = ENTRIES[entry](cost, x)  # the code's NaN; explain names the step without a real value (review4 Q12)
    assert ("w: undefined: the cost has no real value here" if entry == "explain" else "undefined") in shown


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_the_clipped_log_at_zero(entry):
    cost = sympy.Max(sympy.log(w), -10)
    assert float(symopt.compile(cost, w)(w=0.0)[0]) == -10.0
    shown = ENTRIES[entry](cost, 0)  # raised: The argument 'zoo' is not comparable
    assert ("w: not finite" if entry == "explain" else "= -10") in shown  # the code's slope there is NaN (0·∞)


def test_log_at_zero_is_minus_infinity_as_in_the_code():
    assert float(symopt.compile(sympy.log(w), w)(w=0.0)[0]) == -math.inf
    assert str(symopt.derive(sympy.log(w), w, at={w: 0})).splitlines()[1] == "  J = log(w) = -∞"


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_an_integer_beyond_float64_is_compiles_feed_error(entry):
    with pytest.raises(FeedError, match="int too large to convert to float"):
        ENTRIES[entry](w**2 + w, 2**1024)
