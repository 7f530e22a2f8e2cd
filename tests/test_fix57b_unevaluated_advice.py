"""The advice for an unevaluated operator is built in bounded time and promises only what holds
(final41d F41d-3, F41d-4, F41d-13).

Bounded: SymPy's integration and general summation are never run in the error path (counted by replacing their
.doit()).  Oracles for the promises: sympy.diff / subs of the operator written out by hand."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
i = sympy.Symbol("i", integer=True, positive=True)
n = sympy.Symbol("n", integer=True, positive=True)
t = sympy.Symbol("t", positive=True)


@pytest.fixture
def doit_calls(monkeypatch):
    """Counts .doit() calls on Integral, Limit and Sum (each refuses to run: it could take minutes)."""
    calls = []
    for operator in (sympy.Integral, sympy.Limit, sympy.Sum):
        def refused(self, *args, _operator=operator, **hints):
            calls.append(_operator.__name__)
            raise AssertionError("ran .doit() in an error message")
        monkeypatch.setattr(operator, "doit", refused)
    return calls


@pytest.mark.parametrize("cost", [
    sympy.Integral(sympy.exp(w * sympy.sin(t)) / (1 + t ** 2 + w ** 2), (t, 0, 1)),
    sympy.Integral(sympy.exp(-t ** 2 * w ** 2) * sympy.cos(t) ** 5 * sympy.log(1 + t), (t, 0, sympy.oo)),
    sympy.Limit(sympy.sin(w * t) / t, t, 0),
    sympy.Sum(1 / (i ** 3 + w), (i, 1, n)),
])
def test_no_unbounded_doit_runs_in_the_message(cost, doit_calls):
    with pytest.raises(UnsupportedOperationError, match="try .doit.. on it yourself"):
        symopt.compile(cost, w)
    assert doit_calls == []


def test_an_indefinite_integral_is_told_to_take_bounds():
    with pytest.raises(UnsupportedOperationError, match="no bounds") as error:
        symopt.compile(sympy.Integral(w * t, t), w)
    assert "evaluates it to" not in str(error.value)


def test_a_result_symopt_has_no_rule_for_is_not_promised():
    cost = sympy.Product(1 + w * i, (i, 1, n))  # .doit(): a RisingFactorial, which symopt has no rule for
    with pytest.raises(UnsupportedOperationError, match="no rule for") as error:
        symopt.compile(cost, w)
    assert "differentiates and compiles" not in str(error.value).split("in it")[0]
    with pytest.raises(UnsupportedOperationError):
        symopt.compile(cost.doit(), w)


def test_an_undefined_function_is_named_not_given_step_advice():
    with pytest.raises(UnsupportedOperationError, match="f is an undefined function") as error:
        symopt.compile(sympy.Derivative(sympy.Function("f")(w), w) + w ** 2, w)
    assert "floor" not in str(error.value)


@pytest.mark.parametrize("cost", [
    sympy.Sum(sympy.exp(-w * i ** 2) / (1 + i), (i, 0, sympy.oo)),
    sympy.Sum(sympy.sin(w * i) ** 3 / i ** 2, (i, 1, n)),
])
def test_sums_not_closed_get_no_piecewise_or_data_claims(cost):
    with pytest.raises(UnsupportedOperationError) as error:
        symopt.compile(cost, w)
    message = str(error.value)
    assert "the Piecewise it returns" not in message and "Placeholder('x', (None, 1))" not in message


def test_a_promised_closed_form_compiles_to_the_oracle():
    cost = sympy.Sum(w ** 2 * i, (i, 1, n))
    with pytest.raises(UnsupportedOperationError, match="differentiates and compiles"):
        symopt.compile(cost, w)
    value, gradient = symopt.compile(cost.doit(), w)(w=2.0, n=3)  # hand: w**2 * (1 + 2 + 3)
    assert value == pytest.approx(4.0 * (1 + 2 + 3)) and gradient == pytest.approx(2 * 2.0 * 6)
