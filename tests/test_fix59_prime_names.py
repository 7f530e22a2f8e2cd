"""P59-14: a second symbol named ``w`` (printed with a prime) and a name typed ``w'`` never print alike in LaTeX.

Oracle: the gradient lines of J = w² + 3w₂ + 5w' written by hand (dJ/dw = 2w, then 3, then 5) must carry
three different labels.
"""
import re

import sympy

from symopt.display import derive

W, W_AGAIN, W_TYPED = sympy.Symbol("w"), sympy.Symbol("w", real=True), sympy.Symbol("w'")


def test_a_primed_second_symbol_and_a_typed_apostrophe_have_different_latex_labels():
    latex = derive(W**2 + 3 * W_AGAIN + 5 * W_TYPED, [W, W_AGAIN, W_TYPED], at={W: 1, W_AGAIN: 2, W_TYPED: 4}).latex()
    gradient = latex.split(r"&\text{gradient} \\")[1]
    labels = dict(re.findall(r"\\frac\{dJ\}\{(.+?)\} &= .*?(\d+)(?: \\\\)?$", gradient, re.MULTILINE))
    assert sorted(labels.values()) == ["2", "3", "5"]  # one label per parameter
    assert labels[r"dw'"] == "3"  # the second w: a prime
    assert labels[r"d\mathrm{w\text{'}}"] == "5"  # the name typed w': an apostrophe, as typed
