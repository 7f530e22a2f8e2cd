"""final39a F39a-10: a Max/Min of more than three arguments showed its masks as ``FirstMaximum(...) = k`` (a 0-based
position in a third ordering) and a Min as the argmax of negations.  The mask now names the argument it selects,
``[argmax(p, q, u, 2v, w) = q]``, a Min's is an argmin, and the forward line lists the arguments in the mask's order.
The numbers are checked against finite differences (the oracle)."""

from __future__ import annotations

import pytest
import sympy

import symopt

w, v = sympy.symbols("w v", real=True)
POINT = {w: 0.5, v: 1.0}


def _finite_difference(cost, symbol, h=1e-6):
    up, down = dict(POINT), dict(POINT)
    up[symbol] += h
    down[symbol] -= h
    return float((cost.subs(up) - cost.subs(down)) / (2 * h))


# the arguments in grad's tie order (probe73 P73-6: SymPy's order of what they compute, constants last)
@pytest.mark.parametrize("extremum, name, line", [
    (sympy.Max, "argmax", "  dJ/dv = dJ/du · du/dv + dJ/dp · dp/dv + ∂J/∂v = [argmax(w, 2v, u, p, q) = u] + "
                          "[argmax(w, 2v, u, p, q) = p] + 2[argmax(w, 2v, u, p, q) = 2v] = 2"),
    (sympy.Min, "argmin", "  dJ/dv = dJ/du · du/dv + dJ/dp · dp/dv + ∂J/∂v = [argmin(w, 2v, u, p, q) = u] + "
                          "[argmin(w, 2v, u, p, q) = p] + 2[argmin(w, 2v, u, p, q) = 2v] = 1")])
def test_a_mask_names_the_argument_it_selects(extremum, name, line):
    cost = extremum(w, 2 * v, w + v, 1 - w, v - 3)
    derivation = symopt.derive(cost, [w, v], at=POINT)
    text, latex = str(derivation), derivation.latex()
    assert "FirstMaximum" not in text + latex and "= 0]" not in text  # no 0-based position
    assert f"  J = {extremum.__name__.lower()}(w, 2v, u, p, q) = " in text
    assert rf"J &= \{extremum.__name__.lower()}\left(w, 2 v, u, p, q\right)" in latex
    assert line.strip() in " ".join(text.split())  # the chain is wider than a line: read across its breaks
    assert rf"\left[\operatorname{{{name}}}\left(" in latex
    # the numbers shown are the gradient's: finite differences of the cost at the point
    gradient = text.split("\ngradient\n")[1].replace("\n        ", " ").splitlines()  # continuation lines joined
    shown = [float(row.rsplit(" = ", 1)[1]) for row in gradient]
    assert shown == pytest.approx([_finite_difference(cost, w), _finite_difference(cost, v)], abs=1e-6)
