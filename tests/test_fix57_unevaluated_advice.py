"""The advice for an unevaluated operator follows what .doit() makes of it (probe57 P57-6, P57-7, P57-10).

Oracle for the advised forms: sympy.diff / subs of the .doit() result."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
i = sympy.Symbol("i", integer=True, positive=True)
n = sympy.Symbol("n", integer=True, positive=True)
t = sympy.Symbol("t", positive=True)


@pytest.mark.parametrize("cost", [
    sympy.Sum(w ** 2 * i, (i, 1, n)),  # P57-6: symbolic bound, no data in the term
    w * sympy.Sum(1 / i ** 2, (i, 1, sympy.oo)),  # P57-7: written to infinity, never .doit()-ed
    sympy.Sum(sympy.exp(-i) * w ** 2, (i, 0, sympy.oo)),
])
def test_doit_is_advised_where_it_evaluates(cost):
    with pytest.raises(UnsupportedOperationError, match=r"call \.doit\(\) on it .*SymPy evaluates it to") as error:
        symopt.compile(cost, w)
    assert "does not help" not in str(error.value) and "Placeholder" not in str(error.value)
    closed = cost.doit()
    value, gradient = symopt.compile(closed, w)(w=2.0, **({"n": 3} if n in closed.free_symbols else {}))
    at = {w: 2.0, n: 3}
    assert value == pytest.approx(float(closed.subs(at)))
    assert gradient == pytest.approx(float(sympy.diff(closed, w).subs(at)))


def test_a_data_sum_keeps_the_placeholder_advice():
    x = sympy.IndexedBase("x")
    with pytest.raises(UnsupportedOperationError, match=r"symopt.Placeholder\('x', \(None, 1\)\)"):
        symopt.compile(sympy.Sum(x[i] * w, (i, 1, n)), w)


@pytest.mark.parametrize("step", [sympy.floor, sympy.ceiling])
def test_a_derivative_sympy_cannot_take_is_told_symopt_grad(step):
    slope = sympy.diff(step(w) * w, w)  # w*Derivative(ceiling(w), w) + ceiling(w)
    assert slope.doit() == slope
    with pytest.raises(UnsupportedOperationError, match=r"\.doit\(\) returns it unchanged.*symopt\.grad") as error:
        symopt.compile(slope ** 2 + w ** 2, w)
    assert "call .doit()" not in str(error.value)
    assert symopt.grad(step(w) * w, w) == step(w)  # the slope meant: 0 almost everywhere for the step
