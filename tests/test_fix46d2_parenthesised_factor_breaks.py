"""46d-7/46d-8: the derivative of a square of a sum of a Max and a Min, 2(f′ + g′)(f + g), is cut before its
parenthesised factor as before a ``·`` factor: no text row passes 72 characters (one was 131), no LaTeX row closes
and reopens a parenthesis inside itself (``\\right. \\left.``), and a factor on the row of the piece before it is
joined to it without a space (``)·exp(a)``, not ``) ·exp(a)``); a side cut inside its first parenthesis starts a row
rather than dangling after another side (``= uw(w``).

Oracle: the 72 characters that fit JupyterLab's output area (tests/test_probe47_long_derivation_browser.py) and the
exact rows expected."""

import sympy

import symopt

a, b, c = sympy.symbols("a b c", real=True)
AT = {a: 1.0, b: 1.5, c: 0.5}


def test_a_parenthesised_factor_after_a_cut_parenthesis_starts_a_row():
    five = (a, b, c, 2 * a - b, 1)
    derivation = symopt.derive((sympy.Max(*five) + sympy.Min(*five)) ** 2, [a, b, c], at=AT)
    lines = str(derivation).splitlines()
    assert max(len(line) for line in lines) <= 72
    assert "        (max(a, b, c, 2a - b, 1) + min(a, b, c, 2a - b, 1)) = 4" in lines
    assert not any(r"\right. \left." in row for row in derivation._repr_latex_().split(r"\\"))


def test_a_factor_joined_to_a_row_has_no_space_before_it():
    derivation = symopt.derive(sympy.exp(a) * sympy.Max(a, b, c, 2 * a - b, 1) ** 2, [a, b, c], at=AT)
    lines = str(derivation).splitlines()
    assert "        + max(a, b, c, 2a - b, 1))·exp(a)·max(a, b, c, 2a - b, 1)" in lines
    assert not any(") ·" in line for line in lines)


def test_a_side_cut_inside_its_first_parenthesis_starts_its_own_row():
    derivation = symopt.derive(sympy.exp(a) * sympy.Max(a, b, c, 2 * a - b, 1) ** 2, [a, b, c], at=AT)
    lines = str(derivation).splitlines()
    assert "  dJ/da = dJ/du · du/da + dJ/dv · dv/da + dJ/dw · dw/da" in lines  # not followed by a dangling "= uw(w"
    assert "        = uw(w + 2[argmax(a, b, c, v, 1) = a]" in lines
