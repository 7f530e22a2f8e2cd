"""probe68 P68-10: the "ops" drawing is the same graph as the "values" drawing when a number multiplies a sum over
a denominator (3(a + bc)/d): the sum a + bc is one node in both (never SymPy's 3a + 3bc), and the operations are
listed in the values drawing's forward order."""

import sympy

from symopt.display import graph

a, b, c, d = sympy.symbols("a b c d")
COST = 3 * (a + b * c) / d - sympy.sqrt(a)


def _evaluate(lines: list, point: dict) -> float:
    """The ops drawing run as a program: each ``name: op  ← operands`` line on the values of its operands."""
    rules = {"×": lambda *x: sympy.Mul(*x), "+": lambda *x: sympy.Add(*x), "−": lambda x, y: x - y,
             "÷": lambda x, y: x / y, "sqrt": sympy.sqrt}
    values = {str(symbol): value for symbol, value in point.items()}
    for line in lines:
        if ":" in line:
            head, operands = line.split("  ← ")
            name, operation = head.split(": ")
            values[name] = rules[operation](*(values.get(o, sympy.Integer(o) if o.isdigit() else None)
                                              for o in operands.split(", ")))
    return values["J"]


def test_the_ops_drawing_keeps_the_factored_sum_in_forward_order():
    assert str(graph(COST)).splitlines()[4:] == [
        "u = √a  ← a", "v = bc  ← b, c", "w = a + v  ← a, v", "p = 3w/d  ← w, d", "J = p - u  ← u, p"]
    assert str(graph(COST).with_style("ops")).splitlines()[4:] == [
        "u: sqrt  ← a", "v: ×  ← b, c", "w: +  ← a, v", "3", "q: ×  ← 3, w", "p: ÷  ← q, d", "J: −  ← p, u"]


def test_the_ops_drawing_computes_the_cost():
    point = {a: sympy.Integer(4), b: sympy.Integer(3), c: sympy.Integer(2), d: sympy.Integer(5)}
    lines = str(graph(COST).with_style("ops")).splitlines()
    assert _evaluate(lines, point) == COST.subs(point)
