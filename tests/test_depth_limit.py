"""Deep expressions never end in a raw ``RecursionError``: symopt's walks are iterative, and where SymPy's own
recursive code runs out of stack the public entry points raise :class:`DepthLimitError` naming the depth, Python's
limit and the fix (core6 task 1)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.depth import expression_depth
from symopt.errors import DepthLimitError


def relu_network(depth: int):
    """The README's network: ``relu(X @ W + b)`` per layer, a mean squared error at the end."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    hidden, parameters = X, []
    for layer in range(depth):
        W = symopt.Variable(f"W{layer}", 0.3 * np.eye(3))
        b = symopt.Variable(f"b{layer}", 0.0, shape=(1, 3))
        parameters += [W, b]
        hidden = ops.relu(ops.bias_add(hidden @ W, b))
    Wo = symopt.Variable("Wo", 0.1, shape=(3, 1))
    return ops.mean(ops.square(hidden @ Wo - y)), parameters + [Wo], X, y


def test_a_deep_network_is_shown_again_without_recursion():
    """The second display of a 128-layer network with biases (graph after derive, or derive twice) rebuilt layers
    equal to the first display's: SymPy's constructor cache compared them level by level, a RecursionError."""
    cost, parameters, X, y = relu_network(128)
    first = symopt.derive(cost, parameters[:1])
    second = symopt.derive(cost, parameters[:1])
    assert second.text() == first.text()
    lines = symopt.graph(cost).text().splitlines()  # the graph's layer names are prepared forms prepared again
    assert lines[-1].startswith("J = ") and sum(line.startswith("A") for line in lines) == 128


def nested_sines(depth: int):
    x = symopt.Variable("x", 0.3)
    value = x
    for _ in range(depth):
        value = sympy.sin(value, evaluate=False)  # SymPy itself cannot build sin(sin(...)) 330 deep evaluated
    return value, x


@pytest.mark.parametrize("entry", ["grad", "derive", "explain", "graph", "hessian", "minimize"])
def test_sympys_recursion_on_a_too_deep_chain_is_a_typed_error(entry):
    cost, x = nested_sines(1500)
    calls = {"grad": lambda: symopt.grad(cost, x), "derive": lambda: symopt.derive(cost, x).text(),
             "explain": lambda: symopt.explain(cost, x).text(), "graph": lambda: symopt.graph(cost).text(),
             "hessian": lambda: symopt.hessian(cost, x), "minimize": lambda: symopt.minimize(cost, x, steps=1)}
    with pytest.raises(DepthLimitError) as caught:
        calls[entry]()
    message = str(caught.value)
    assert "1501 levels deep" in message and "sys.getrecursionlimit()" in message
    assert "sys.setrecursionlimit(" in message and "fewer levels" in message
    if entry != "minimize":  # minimize is the lead's: its call still names grad, where SymPy recursed
        assert message.startswith(f"{entry}:")


def test_a_chain_sympy_can_build_derives_and_matches_finite_differences():
    """300 nested sines (SymPy's own limit for building them is about 330): every entry point works."""
    cost, x = nested_sines(300)
    assert expression_depth([cost]) == 301
    gradient = symopt.grad(cost, x)
    value = symopt.evaluate(gradient, {x: 0.3})
    step = 1e-6
    difference = (symopt.evaluate(cost, {x: 0.3 + step}) - symopt.evaluate(cost, {x: 0.3 - step})) / (2 * step)
    assert value == pytest.approx(difference, rel=1e-6)
    assert symopt.evaluate(symopt.derive(cost, x).gradient[x], {x: 0.3}) == pytest.approx(value, rel=1e-12)
    assert len(symopt.graph(cost).nodes()) == 301


@pytest.mark.parametrize("call, name", [
    (lambda cost, w: symopt.compile(cost, w), "compile"),
    (lambda cost, w: symopt.minimize(cost, w, steps=2), "minimize"),
])
def test_compile_and_minimize_name_themselves(call, name):
    """core6's LEAD NOTE: the message began with "grad:", the call inside, not the one the user made."""
    cost, w = nested_sines(1500)
    with pytest.raises(DepthLimitError, match=f"^{name}: expected an expression"):
        call(cost, w)
