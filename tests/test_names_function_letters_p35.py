"""final35 F35-11: names= refused a step named ``sigma`` (σ) or ``Sigma`` (Σ) in every cost, though a symbol of that
name prints as σ / Σ wherever the display has no sigmoid (or softplus) / sum (6b95c6b).  A step follows the
symbol's rule: refused only beside that function, where it would read alike; elsewhere it prints as σ / Σ.  The
course's vectorized derivation (whose ``J = (1/m) Σ L`` is a sum) checked no names at all: it checks them as the
scalar one does."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.functions import sigmoid, softplus
from symopt.errors import ConfigurationError

mu, v, x, w = sympy.symbols("mu v x w", real=True)
NLL = sympy.log(sympy.sqrt(v)) + (x - mu) ** 2 / (2 * v)  # a Gaussian's negative log-likelihood, σ = √v


def test_a_standard_deviation_named_sigma_prints_as_sigma():
    lines = str(symopt.derive(NLL, [mu, v], names={sympy.sqrt(v): "sigma"}, at={mu: 0, v: 4, x: 1})).splitlines()
    assert lines == [
        "forward (μ = 0, v = 4, x = 1)",
        "  σ = √v = 2",
        "  J = log(σ) + (x - μ)²/(2v) = 0.818147",
        "backward",
        "  dJ/dσ = 1/√v = 0.5",
        "  dJ/dμ = (μ - x)/v = -0.25",
        "  dJ/dv = dJ/dσ · dσ/dv + ∂J/∂v = 1/(2v) - (x - μ)²/(2v²) = 0.09375",
        "gradient",
        "  dJ/dμ = (μ - x)/v = -0.25",
        "  dJ/dv = 1/(2v) - (x - μ)²/(2v²) = 0.09375"]
    point = {mu: 0, v: 4, x: 1}  # the oracle: SymPy's diff of the cost
    assert [sympy.diff(NLL, s).subs(point) for s in (mu, v)] == [sympy.Rational(-1, 4), sympy.Rational(3, 32)]
    assert str(symopt.graph(NLL, names={sympy.sqrt(v): "sigma"})).splitlines()[3] == "σ = √v  ← v"


def test_sigma_beside_no_sigmoid_is_joined_by_a_dot_not_read_as_a_call():
    text = str(symopt.derive(sympy.sqrt(v) * (2 * w - 2), [w, v], names={sympy.sqrt(v): "sigma"}))
    assert "  J = 2σ·(w - 1)" in text.splitlines()


@pytest.mark.parametrize("cost, function", [(NLL * sigmoid(w), "the sigmoid"),
                                            (NLL + softplus(w), "the sigmoid")])
@pytest.mark.parametrize("display", ["derive", "graph"])
def test_sigma_beside_a_sigmoid_or_softplus_is_refused(cost, function, display):
    with pytest.raises(ConfigurationError) as caught:
        if display == "derive":
            symopt.derive(cost, [w, v], names={sympy.sqrt(v): "sigma"})
        else:
            str(symopt.graph(cost, names={sympy.sqrt(v): "sigma"}))
    assert str(caught.value) == (f"names: 'sigma' for sqrt(v) prints as σ, and this cost's formulas print {function} "
                                 "as σ, so the two would read alike; choose another name")


def test_sigma_of_a_scalar_cost_without_a_sum_prints_as_sigma():
    lines = str(symopt.derive(w + sympy.exp(sympy.sin(x ** 2 + 1)), [w, x], names={x ** 2 + 1: "Sigma"})).splitlines()
    assert lines[1:3] == ["  Σ = x² + 1", "  J = w + exp(sin(Σ))"]


@pytest.mark.parametrize("name, message", [
    ("Sigma", "names: 'Sigma' for X*W prints as Σ, and this cost's formulas print a sum as Σ, so the two would read "
              "alike; choose another name"),
    ("sin", "names: 'sin' for X*W is a function's name (as printed: sin), so the formulas would read as a call of it "
            "(exp(sin(sin))); choose another name"),
])
def test_the_courses_derivation_checks_names_as_the_scalar_one(name, message):
    X, W = symopt.Placeholder("X", (None, 2)), symopt.Variable("W", (2, 1))
    cost = symopt.ops.mean(symopt.ops.square(X @ W))  # J = (1/m) Σ L: Σ is the sum
    assert "  J = (1/m) Σ L" in str(symopt.derive(cost, [W], names={X @ W: "Z"})).splitlines()
    with pytest.raises(ConfigurationError) as caught:
        symopt.derive(cost, [W], names={X @ W: name})
    assert str(caught.value) == message
