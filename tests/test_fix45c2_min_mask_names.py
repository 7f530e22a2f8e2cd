"""45c-2: a Min's mask names its arguments by the steps the ``min`` line does, also where both ``a - 3`` and
``3 - a`` are steps: ``p = min(a, b, c, w, 1)`` beside ``[argmin(a, b, c, w, 1) = w]``, never
``[argmin(a, b, c, -u, 1) = -u]`` (fix45c).  Oracle: each mask's list is the min line's list, naming one of its
arguments, and the gradient section's numbers are symopt.grad's, at ties and away from them."""

import re

import pytest
import sympy

import symopt

a, b, c = sympy.symbols("a b c", real=True)
COSTS = [sympy.Min(a, b, c, 3 - a, 1) + (a - 3)**2, sympy.Min(a, b, c, a - 3, 1) + (3 - a)**3]
MASK = re.compile(r"\[argmin\(([^\[\]]*)\) = ([^\[\]]*)\]")
POINTS = [{a: 1.5, b: 1.5, c: 1.0}, {a: 1.0, b: 1.0, c: 1.0}, {a: 2.0, b: 1.0, c: 3.0}]


@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("point", POINTS)
def test_a_mins_masks_list_the_min_lines_arguments(cost, point):
    printed = str(symopt.derive(cost, [a, b, c], at=point))
    backward = printed.split("backward\n")[1].split("gradient\n")[0]
    listed = re.search(r"= min\(([^()]*)\) = ", printed).group(1)
    masks = MASK.findall(backward)
    assert masks and all(arguments == listed and named in arguments.split(", ") for arguments, named in masks)
    gradients = [float(g.subs(point)) for g in symopt.grad(cost, [a, b, c])]
    shown = re.findall(r"^  dJ/d([abc]) = .*?= (-?[\d.]+)$", printed.split("gradient\n")[1], re.M | re.S)
    assert {name: float(value) for name, value in shown} == dict(zip("abc", gradients))
