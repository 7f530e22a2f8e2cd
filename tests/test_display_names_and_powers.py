"""Two display bugs found by writing a longer cost with a parameter named ``u``."""

import sympy

import symopt


def _long_cost():
    u, b = symopt.Variable("u", 1.0), symopt.Variable("b", 0.5)
    cost = (symopt.sigmoid(u*b + 1)**2 + symopt.sigmoid(u - b)**3 + (u*b - 2)**2*u + symopt.sigmoid(u + 2*b)*b
            + (u + b)**4 + symopt.sigmoid(3*u))
    return cost, [u, b]


def test_a_power_of_sigmoid_prints_in_latex():
    x = sympy.Symbol("x")
    assert sympy.latex(symopt.sigmoid(x)**2) == r"\sigma\left(x\right)^{2}"
    assert sympy.latex(symopt.sigmoid(x)) == r"\sigma\left(x\right)"


def test_numbered_intermediates_do_not_take_a_parameters_letter():
    cost, wrt = _long_cost()
    text = str(symopt.derive(cost, wrt))  # used to raise TypeError in the LaTeX of sigma(.)**2
    forward = text.split("backward")[0]
    assert "v₁ = b + u" in forward and "u₁" not in text
    assert [line.split(" = ")[0].strip() for line in forward.splitlines()[1:9]] == ["v", "w", "p", "q", "r", "s",
                                                                                   "t", "v₁"]
