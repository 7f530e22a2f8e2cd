"""final43d F43d-4: the ops drawing lists every operation after the operations and constants it reads, also where
a node is shared by two readers (the ``2(a + b)`` of ``2(a + b)/(c + d) + exp(2(a + b))``).

Oracles: the program order rule (a line names only inputs, constants and operations listed above it) and the cost
itself (the listing run as a program on exact numbers equals the cost there)."""

import random
import re

import pytest
import sympy

from symopt.display import graph

a, b, c, d = sympy.symbols("a b c d")
POINT = {a: sympy.Integer(3), b: sympy.Integer(5), c: sympy.Integer(7), d: sympy.Integer(2)}
RULES = {"sqrt": sympy.sqrt, "×": lambda *x: sympy.Mul(*x), "+": lambda *x: sympy.Add(*x), "−": lambda x, y: x - y,
         "÷": lambda x, y: x / y, "exp": sympy.exp, "neg": lambda x: -x, "square": lambda x: x ** 2,
         "pow": lambda x, y: x ** y}


def _run(lines: list) -> sympy.Expr:
    """The listing as a program: each ``name: op  ← operands`` line computed from lines above it only."""
    values = {str(symbol): value for symbol, value in POINT.items()}
    name = None
    for line in lines:
        if ":" not in line:
            if line not in values:  # a constant: 2, 1/2, √3, e
                values[line] = sympy.sympify(re.sub(r"√(\d+)", r"sqrt(\1)", line), locals={"e": sympy.E})
            continue
        head, operands = line.split("  ← ")
        name, operation = head.split(": ")
        read = operands.split(", ")
        missing = [operand for operand in read if operand not in values]
        assert not missing, f"{line!r} reads {missing} before they are listed"
        known = operation in RULES and all(values[operand] is not None for operand in read)
        values[name] = RULES[operation](*(values[operand] for operand in read)) if known else None
    return values[name]


def test_a_shared_operand_is_listed_before_both_its_readers():
    cost = 2 * (a + b) / (c + d) + sympy.exp(2 * (a + b))
    lines = str(graph(cost).with_style("ops")).splitlines()
    assert lines[4:] == ["u: +  ← a, b", "v: +  ← c, d", "2", "q: ×  ← 2, u", "w: ÷  ← q, v", "p: exp  ← q",
                         "J: +  ← w, p"]
    assert sympy.simplify(_run(lines) - cost.subs(POINT)) == 0


def _random_cost(rng: random.Random, depth: int) -> sympy.Expr:
    if depth == 0 or rng.random() < 0.2:
        leaf = rng.choice([a, b, c, d])
        return leaf if rng.random() < 0.6 else rng.choice([2, 3]) * leaf
    kind = rng.choice("+*/em2")
    left = _random_cost(rng, depth - 1)
    if kind == "e":
        return sympy.exp(left)
    if kind == "2":
        return 2 * left
    right = _random_cost(rng, depth - 1)
    return {"+": left + right, "*": left * right, "/": left / right, "m": left - right}[kind]


@pytest.mark.parametrize("seed", range(4))
def test_random_costs_with_shared_parts_list_operands_first(seed):
    rng = random.Random(seed)
    checked = 0
    while checked < 10:
        shared = rng.choice([2, 3]) * (_random_cost(rng, 1) + _random_cost(rng, 1))  # a number times a sum
        other = _random_cost(rng, 2)
        cost = rng.choice([shared / (other + 5), shared * other]) + rng.choice([sympy.exp, sympy.sqrt])(shared)
        if not cost.free_symbols or cost.has(sympy.zoo, sympy.nan):
            continue
        lines = str(graph(cost).with_style("ops")).splitlines()
        value = _run(lines)
        if value is not None:
            assert sympy.simplify(value - cost.subs(POINT)) == 0, (cost, lines)
        checked += 1
