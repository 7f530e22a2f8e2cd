"""Different symbols never print alike (probe6 P20): ``pi_`` is not the constant π, ``lambda_`` not ``lambda``,
``x1`` not ``x_1``, in derive's text and LaTeX and in explain; each printed line's formula, read with the printed
values, gives the printed number (checked by substituting them)."""
from __future__ import annotations

import contextlib
import io
import re

import pytest
import sympy

import symopt
from symopt.cli import main


def cli(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


CASES = [("pi*w + pi_*w^2", "w,pi_", "w=1,pi_=3"),
         ("lambda*w + lambda_*w^2", "w,lambda,lambda_", "w=1,lambda=2,lambda_=3"),
         ("x1*w + x_1*w^2", "w,x1,x_1", "w=1,x1=2,x_1=3")]


@pytest.mark.parametrize("expr, wrt, at", CASES)
def test_each_gradient_line_has_its_own_label(expr, wrt, at):
    text = cli("derive", expr, "--wrt", wrt, "--at", at)
    gradient = text.split("gradient\n")[1].splitlines()
    labels = [line.split(" = ")[0].strip() for line in gradient]
    assert len(labels) == len(wrt.split(",")) == len(set(labels))
    header = text.splitlines()[0]
    shown = [item.split(" = ")[0] for item in header[header.index("(") + 1:-1].split(", ")]
    assert len(set(shown)) == len(shown)  # the forward line's values name distinct symbols
    latex = cli("derive", expr, "--wrt", wrt, "--format", "latex")
    latex_labels = [line.split("&=")[0].strip() for line in latex.split(r"\text{gradient}")[1].splitlines()
                    if "&=" in line]
    assert len(latex_labels) == len(set(latex_labels)) == len(labels)


def test_the_printed_gradient_formula_gives_the_printed_number_with_the_printed_values():
    text = cli("derive", "pi*w + pi_*w^2", "--wrt", "w,pi_", "--at", "w=1,pi_=3")
    line = next(l for l in text.split("gradient\n")[1].splitlines() if l.strip().startswith("dJ/dw"))
    formula, number = line.split(" = ")[1], float(line.split(" = ")[-1])
    # read the printed formula back: the constant is π, the variable as printed (π_) stands for 3
    readable = formula.replace("π_", "(3)").replace("π", "(pi)").replace("·", "*")
    readable = re.sub(r"(\d|\))\s*(?=[a-z(])", r"\1*", readable).replace("w", "(1)")
    assert float(sympy.sympify(readable)) == pytest.approx(number, rel=1e-5)
    assert number == pytest.approx(2 * 3 * 1 + float(sympy.pi), rel=1e-5)  # oracle: d/dw (πw + 3w²) at w = 1


def test_explain_names_each_parameter_apart():
    x1, x_1, w = sympy.symbols("x1 x_1 w", real=True)
    text = str(symopt.explain(symopt.relu(x1 * w) + symopt.relu(x_1 * w), [w, x1, x_1], at={w: -1, x1: 2, x_1: 3}))
    names = [line.split(":")[0].strip() for line in text.splitlines()[1:] if line.startswith("  ") and
             not line.startswith("    ")]
    assert len(names) == 3 == len(set(names))


def test_names_without_a_clash_keep_their_glyphs():
    text = cli("derive", "w1*x + lambda*b", "--wrt", "w1,b", "--at", "w1=1,x=2,b=3,lambda=2")
    assert "w₁" in text and "λ" in text and "w1" not in text
