"""probe75 P75-3: an update rule's LaTeX header (and a long sum in a rule row) continues on rows of its own past
the derivations' width, so Adam with a schedule (docs/display.md's own example) fits JupyterLab's 668 px output
area; it was one 728 px row cut at "t = 0 at the f".  Oracle: the text form's hyperparameters (the same items, in
order) and the width a row's text takes (line_breaks.WIDTH, what the browser test measures for derivations)."""

import re

import sympy

import symopt
from symopt.display import UpdateRule, update_rule
from symopt.display.line_breaks import WIDTH
from symopt.display.notation import latex, text

RULE = update_rule(symopt.Adam(symopt.ExponentialDecay(0.1, 10, 0.5)))


def test_the_header_continues_on_a_second_row():
    rows = RULE.latex().splitlines()
    assert rows[1:3] == [r"&\text{Adam} \quad \eta_{0} = 0.1,\; s = 10,\; r = 0.5,\; \beta_1 = 0.9,\; "
                         r"\beta_2 = 0.999,\; \epsilon = 10^{-8}, \\", r"&\quad t = 0 \text{ at the first step} \\"]
    assert rows[3] == r"\eta &\leftarrow \eta_{0} r^{\frac{t}{s}} \\"


def test_the_rows_hold_the_text_forms_items_in_order():
    items = str(RULE).splitlines()[0].removeprefix("Adam: ").split(", ")
    header = " ".join(RULE.latex().splitlines()[1:3])
    listed = re.split(r",\\; |, \\\\ &\\quad ", header.removeprefix(r"&\text{Adam} \quad ").removesuffix(r" \\"))
    assert len(listed) == len(items) == 7
    assert len("Adam (" + ", ".join(items[:6]) + ",") <= WIDTH  # the first row's text fits


def test_a_long_sum_in_a_rule_row_continues_at_a_term():
    """45c-5: no built-in rule reaches the "long sum" path, so a rule of a made-up sum of 12 squares: its rows hold
    the one-row LaTeX of the sum (the printer's own, term by term, in order), each row's text within WIDTH."""
    xs = sympy.symbols("x0:12", real=True)
    value = sum((k + 1) * x**2 for k, x in enumerate(xs)) - 3 * xs[1] * xs[2]
    theta = sympy.Symbol("theta")
    rows = UpdateRule(symopt.GradientDescent(0.1), ((theta, value),)).latex().splitlines()[:-1]
    rows = rows[[row.startswith(r"\theta &\leftarrow ") for row in rows].index(True):]
    assert len(rows) > 1
    assert all(row.startswith(r"&\quad + ") or row.startswith(r"&\quad - ") for row in rows[1:])
    bodies = [row.removesuffix(r" \\").removeprefix(r"\theta &\leftarrow ").removeprefix(r"&\quad ") for row in rows]
    assert " ".join(bodies) == latex(value, unevaluated=True)
    terms = text(value, unevaluated=True)
    assert len(f"  θ ← {terms}") > WIDTH and all(len(body) < 2 * WIDTH for body in bodies)
