"""probe10 T13: derive's LaTeX wrote floats in E-notation inside math mode (``2e-07 w + 1e+30`` typesets as
2·e − 07·w + 1·e + 30); constants and numbers at a point are now ``2 \\cdot 10^{-7}``, as update_rule writes ε."""

import re
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

import symopt

w = symopt.Variable("w", 0.0)
E_NOTATION = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize("cost, at", [(1e-7 * w ** 2 + 1e30 * w, {w: 2}), (symopt.sigmoid(w), {w: -50}),
                                      (w ** 2, {w: 1e10})], ids=["constants", "tiny value", "huge value"])
def test_no_e_notation_in_latex(cost, at):
    derivation = symopt.derive(cost, w, at=at)
    assert not E_NOTATION.search(derivation.latex())
    assert not E_NOTATION.search(derivation._repr_latex_())
    assert E_NOTATION.search(str(derivation))  # the text form keeps the plain-text notation


def test_the_latex_number_has_the_printed_value():
    from symopt.display.glyphs import latex_of_printed
    text = str(symopt.derive(symopt.sigmoid(w), w, at={w: -50})).splitlines()[1]
    printed = text.rsplit(" = ", 1)[-1]
    mantissa, power = latex_of_printed(printed).split(r" \cdot ")
    assert float(mantissa) * 10.0 ** int(re.search(r"\{(-?\d+)\}", power).group(1)) == pytest.approx(float(printed))
    assert float(printed) == pytest.approx(1 / (1 + np.exp(50)), rel=1e-5)


def test_latex_of_printed_cases():
    from symopt.display.glyphs import latex_of_printed
    assert latex_of_printed("1e-08") == "10^{-8}"
    assert latex_of_printed("-1e+30") == "-10^{30}"
    assert latex_of_printed("2.5e-07") == r"2.5 \cdot 10^{-7}"
    assert latex_of_printed("0.731059") == "0.731059"
    assert latex_of_printed("undefined") == r"\text{undefined}"
    assert latex_of_printed("-∞") == r"-\infty"


def test_command_line_latex():
    done = subprocess.run([sys.executable, "-m", "symopt", "derive", "1e-7*w^2", "--wrt", "w", "--format", "latex"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "10^{-7}" in done.stdout and not E_NOTATION.search(done.stdout)
