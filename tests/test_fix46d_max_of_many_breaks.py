"""45c-10: a derivation line of a Max/Min of many arguments, whose terms are too wide for a row, is cut inside its
parenthesis and before the factor after it, as other long lines are cut between their terms: no text row passes
the 72 characters that fit JupyterLab's output area, and every LaTeX row pairs its ``\\left`` and ``\\right``.

Oracle: the widths (WIDTH = 72 measured in the browser by tests/test_probe47_long_derivation_browser.py) and
LaTeX's own rule that a ``\\left``/``\\right`` pair cannot span rows of ``aligned``."""

import re

import pytest
import sympy

import symopt

a, b, c = sympy.symbols("a b c", real=True)


@pytest.mark.parametrize("cost", [sympy.Max(a, b, c, 2 * a - b, 1) ** 2, sympy.Min(a + b, b + c, a + c, 2 * a, 3) ** 2],
                         ids=["max", "min"])
def test_rows_of_a_max_or_min_of_five_fit_and_pair_their_delimiters(cost):
    derivation = symopt.derive(cost, [a, b, c], at={a: 1.0, b: 1.0, c: 1.0})
    lines = str(derivation).splitlines()
    assert max(len(line) for line in lines) <= 72
    rows = derivation._repr_latex_().split(r"\\")
    for row in rows:
        assert len(re.findall(r"\\left(?![a-z])", row)) == len(re.findall(r"\\right(?![a-z])", row)), row
    text = " ".join(line.strip() for line in lines)
    kind = "argmax" if cost.base.func is sympy.Max else "argmin"
    assert text.count(f"[{kind}(") >= 6  # every mask kept whole (not cut inside its brackets)
    assert any(line.lstrip().startswith(("·max(", "·min(")) for line in lines)  # the factor after the parenthesis
