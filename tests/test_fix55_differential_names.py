"""A symbol named ``d`` + another symbol's name or ``dJ`` (``du`` beside ``u``) is refused by ``derive``, ``explain``
and ``graph``, whose lines would read it as a differential (``dJ/ddu = dJ + w``), as ``names=`` refuses such a step
name (probe55 P55-8)."""

from __future__ import annotations

import pytest

from symopt.cli import main


def refusal(name: str, beside: str, of: str) -> str:
    return (f"symopt: expected symbol names that do not read as differentials; given {name!r} beside {beside}: the "
            f"derivation writes the derivative by x as dJ/dx, so {name} would read as the differential of {of} "
            f"(dJ/d{name}, dJ/d{of} = {name}); rename {name}, e.g. delta_{of}\n")


@pytest.mark.parametrize("argv, message", [
    (["derive", "du*u^2 + dJ*du", "--wrt", "u,du,dJ", "--at", "du=2,u=3,dJ=1"], refusal("dJ", "the cost J", "J")),
    (["derive", "dw*w^2", "--wrt", "w,dw", "--format", "latex"], refusal("dw", "the symbol 'w'", "w")),
    (["explain", "dw*w^2", "--wrt", "w", "--at", "w=1,dw=1"], refusal("dw", "the symbol 'w'", "w")),
    (["graph", "dJ*w"], refusal("dJ", "the cost J", "J")),
])
def test_a_differential_name_is_refused(capsys, argv, message):
    assert main(argv) == 2
    assert capsys.readouterr() == ("", message)


def test_the_suggested_name_is_shown_plainly(capsys):
    assert main(["derive", "delta_w*w^2", "--wrt", "w"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dw = 2·δ_w·w"
