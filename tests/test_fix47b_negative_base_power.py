"""probe87 P87-3: ``(w - 3)**v`` from ``w = 0``: the cost is real (9) but its slope in ``v``, ``(w - 3)**v*log(w - 3)``,
has no real value (SymPy's derivative there is complex). The message says so, with advice that keeps the base
positive, not "no derivative there, such as sqrt at 0" (an infinite slope at a boundary)."""

import pytest
import sympy

import symopt
from symopt.errors import DivergenceError


def _cost():
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 2.0)
    return (w - 3) ** v + v ** 2, [w, v]


def test_the_oracle_slope_is_not_real():
    w, v = sympy.symbols("w v", real=True)
    slope = sympy.diff((w - 3) ** v + v ** 2, v).subs({w: 0, v: 2})
    assert sympy.im(sympy.N(slope)) != 0  # 9*(log 3 + i*pi) + 4


@pytest.mark.parametrize("options", [dict(steps=3), dict(method="lbfgs")])
def test_a_negative_base_is_named_as_no_real_value(options):
    cost, parameters = _cost()
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, parameters, **options)
    message = str(caught.value)
    assert "no real value there: the log of a negative number" in message
    assert "Abs(b)**v" in message
    assert "no derivative there" not in message
