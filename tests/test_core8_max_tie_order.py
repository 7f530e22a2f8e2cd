"""probe12 V6: at a tie of Max (Min) of two expressions that both depend on the parameters, grad and the generated code
give the slope to the first argument in SymPy's order of the cost's own Max(2c, b + c); derive and graph split the
cost into steps, max(u, 2c) with u = b + c, whose order SymPy sorts otherwise, and gave it to the other argument: the
derivation a student read (b moves) was not the step the run took (c moves).  They now follow the cost's order."""

import pytest
import sympy

import symopt
from symopt.display.backward import adjoint_symbol

b, c = symopt.Variable("b", 0.0), symopt.Variable("c", 0.0)
CASES = {
    "max of two sums": (sympy.Max(2 * c, b + c), [b, c], {b: 1, c: 1}),
    "min of two sums": (sympy.Min(2 * c, b + c), [b, c], {b: 1, c: 1}),
    "max of two functions": (sympy.Max(sympy.log(c**2 + 1), sympy.atan(c)), [c], {c: 0}),
    "max in a sum": (b + sympy.Max(2 * c, b + c) ** 2, [b, c], {b: 1, c: 1}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_derive_and_graph_give_the_tie_where_the_code_does(name):
    cost, wrt, point = CASES[name]
    _, gradients = symopt.compile(cost, wrt)(**{str(s): float(v) for s, v in point.items()})
    derivation = symopt.derive(cost, wrt, at=point)
    graph_lines = str(symopt.graph(cost, at=point)).splitlines()
    for symbol, gradient in zip(wrt, gradients):
        assert float(derivation.numbers[adjoint_symbol(symbol)]) == float(gradient)
        assert f"{symbol} = {point[symbol]}, dJ/d{symbol} = {float(gradient):g}" in graph_lines


def test_one_step_of_gradient_descent_moves_what_derive_says():
    cost, wrt, point = CASES["max of two sums"]
    derivation = symopt.derive(cost, wrt, at=point)
    moved = symopt.minimize(cost, {b: 1.0, c: 1.0}, optimizer=symopt.GradientDescent(0.5), steps=1).params
    for symbol in wrt:
        assert float(moved[symbol]) == point[symbol] - 0.5 * float(derivation.numbers[adjoint_symbol(symbol)])
