"""probe75 P75-3: an update rule's LaTeX header (and a long sum in a rule row) continues on rows of its own past
the derivations' width, so Adam with a schedule (docs/display.md's own example) fits JupyterLab's 668 px output
area; it was one 728 px row cut at "t = 0 at the f".  Oracle: the text form's hyperparameters (the same items, in
order) and the width a row's text takes (line_breaks.WIDTH, what the browser test measures for derivations)."""

import re

import symopt
from symopt.display import update_rule
from symopt.display.line_breaks import WIDTH

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
