"""Size never decides: the compile pipeline walks each DAG node once, without recursion.

Work is bounded by structure (visit counts, line counts), never by wall time.
"""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt import program
from symopt.compiler import free_inputs


def _nested_sigmoids(depth: int):
    x = symopt.Placeholder("x")
    parameters, value = [], x
    for k in range(depth):
        w, b = symopt.Variable(f"w{k}", 0.5), symopt.Variable(f"b{k}", 0.0)
        parameters += [w, b]
        value = symopt.sigmoid(w * value + b)
    return value, parameters, x


def _reference(depth: int, x: float) -> float:
    value = x
    for _ in range(depth):
        value = float(1 / (1 + sympy.exp(-(0.5 * value))))
    return value


def test_deep_expression_compiles_and_evaluates():
    cost, _, x = _nested_sigmoids(1000)
    assert symopt.evaluate(cost, {x: 0.3}) == pytest.approx(_reference(1000, 0.3), rel=1e-12)


def test_deep_expression_is_printed_as_short_lines():
    cost, parameters, x = _nested_sigmoids(100)
    function = symopt.compile(cost, parameters)
    lines = function.source.splitlines()
    assert len(lines) > 100 / program.MAX_INLINE_DEPTH
    assert max(line.count("(") for line in lines) < 4 * program.MAX_INLINE_DEPTH
    value, gradients = function(*[0.5, 0.0] * 100, 0.3)
    assert value == pytest.approx(_reference(100, 0.3), rel=1e-12)
    assert len(gradients) == 200


def test_free_inputs_of_a_deep_expression():
    cost, parameters, x = _nested_sigmoids(2000)
    assert free_inputs([cost]) == sorted(parameters + [x], key=lambda s: (s.name, type(s).__name__))


def _visits(depth: int, monkeypatch) -> int:
    calls = []
    original = program._operands

    def counting(node):
        calls.append(node)
        return original(node)

    monkeypatch.setattr(program, "_operands", counting)
    cost, parameters, _ = _nested_sigmoids(depth)
    program.build_program([cost] + symopt.grad(cost, parameters), parameters)
    monkeypatch.setattr(program, "_operands", original)
    return len(calls)


def test_program_building_visits_grow_linearly(monkeypatch):
    small, large = _visits(20, monkeypatch), _visits(40, monkeypatch)
    assert large <= 2.2 * small
