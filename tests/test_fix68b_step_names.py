"""final43d F43d-3: no step is named by a letter that spells an input's name with the display's other one-letter
names, so ``w = uv`` (the product u·v of two steps) never stands beside the input ``uv`` in ``J = uv + w``.

Oracle: SymPy (``Symbol("uv")`` is one symbol, ``u*v`` a product): a line of the derivation that names both a
product of steps and the input must not print them alike."""

import re

import sympy
from sympy import cos, exp, sin

from symopt.display import derive, graph

a, uv, au = sympy.symbols("a uv au")


def _step_names(lines: list) -> set:
    return {match.group(1) for line in lines if (match := re.match(r"\s*(\w+) = ", line))}


def test_no_step_spells_the_input_uv():
    shown = str(derive(sin(a) * cos(a) + uv, [a, uv], at={a: 1, uv: 2})).splitlines()
    steps = _step_names(shown[1:shown.index("backward")]) - {"J"}
    assert not steps & {"u", "v"}
    assert "  J = q + uv = 2.45465" in shown


def test_no_step_spells_the_input_au_with_the_input_a():
    lines = str(graph(3 * sin(a) * exp(a) + au)).splitlines()
    assert not any(line.startswith("u = ") for line in lines)
    assert "J = au + " in "\n".join(lines) and not re.search(r"= \d*uv? ", "\n".join(lines))


def test_the_graph_repr_joins_the_letters_beside_an_input_bc():
    b, c, bc = sympy.symbols("b c bc")
    shown = repr(graph(3 * (a + b * c) + bc))
    assert shown == "<Graph of 3b·c + 3a + bc, style='values'>"  # 3 times b times c, and the input bc
