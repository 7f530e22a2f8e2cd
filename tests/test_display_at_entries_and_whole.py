"""``at=`` giving a matrix both whole and entry by entry (review1's F13): the entries silently won (dJ/dw = -6 from
x[0, 0] = 2 where the whole x gives -8); it is a ConfigurationError naming both, in derive and graph."""

from __future__ import annotations

import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)
x = symopt.Placeholder("x", (3, 1))
COST = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
AT = {w: 1, x: [[1], [-10], [25]], x[0, 0]: 2}


@pytest.mark.parametrize("display", [lambda: symopt.derive(COST, w, at=AT), lambda: str(symopt.graph(COST, at=AT))],
                         ids=["derive", "graph"])
def test_whole_and_entries_are_refused(display):
    with pytest.raises(ConfigurationError, match=r"x is given whole and entry by entry \(x\[0, 0\]\)"):
        display()


def test_either_alone_still_works():
    whole = str(symopt.derive(COST, w, at={w: 1, x: [[1], [-10], [25]]}))
    entries = str(symopt.derive(COST, w, at={w: 1, x[0, 0]: 1, x[1, 0]: -10, x[2, 0]: 25}))
    assert "= -8" in whole and "= -8" in entries
