"""probe14 X3: sympy.UnevaluatedExpr in a cost, and re/im/conjugate/arg of a plain (complex to SymPy) Symbol, were
refused with the list of functions symopt differentiates, which does not help; now the advice names the fix."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.7)
p = sympy.Symbol("p")


@pytest.mark.parametrize("call", [lambda cost: symopt.compile(cost, [w]), lambda cost: symopt.grad(cost, w)],
                         ids=["compile", "grad"])
def test_unevaluated_expr_gets_the_doit_advice(call):
    with pytest.raises(UnsupportedOperationError, match=r"call \.doit\(\) on it") as error:
        call(sympy.UnevaluatedExpr(w) ** 2 + w)
    assert "Abs, Heaviside" not in str(error.value)
    cost = (sympy.UnevaluatedExpr(w) ** 2 + w).doit()  # the advice works: 2w + 1 at 0.7
    assert symopt.compile(cost, [w])(w=0.7)[1] == [pytest.approx(2.4)]


@pytest.mark.parametrize("part", [sympy.re, sympy.im, sympy.conjugate, sympy.arg])
def test_a_part_of_a_complex_symbol_says_declare_it_real(part):
    with pytest.raises(UnsupportedOperationError, match=r"p may be complex to SymPy .* declare them real") as error:
        symopt.minimize(part(p) + p ** 2, {p: -0.6}, steps=1)
    assert "Abs, Heaviside" not in str(error.value)
    real = sympy.Symbol("p", real=True)
    assert part(real) in (real, 0, sympy.arg(real))  # as the advice says: re(p) is p, im(p) is 0 once real
