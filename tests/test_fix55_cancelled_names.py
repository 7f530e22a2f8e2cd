"""A name the user typed that SymPy's simplification cancelled (``x*0 + w`` is ``w``) is reported as cancelled, so
the cost does not depend on it, never as "the expression has no symbol 'x'" (probe55 P55-2)."""

from __future__ import annotations

import pytest
import sympy

from symopt.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cancelled(option: str, name: str, typed: str, simplified: str) -> str:
    return (f"symopt: {option} {name}: {name} cancels out when SymPy simplifies the expression ({typed} is "
            f"{simplified}), so the cost does not depend on {name} (dJ/d{name} = 0 everywhere); remove {name} from "
            f"{option}\n")


@pytest.mark.parametrize("argv, message", [
    (["derive", "x*0 + w", "--wrt", "x,w"], cancelled("--wrt", "x", "x*0 + w", "w")),
    (["derive", "w*0.1 + w*0.2 - 0.3*w", "--wrt", "w"], cancelled("--wrt", "w", "w*0.1 + w*0.2 - 0.3*w", "0")),
    (["explain", "x*0 + w", "--wrt", "x", "--at", "w=1"], cancelled("--wrt", "x", "x*0 + w", "w")),
    (["derive", "x*0 + w", "--wrt", "w", "--at", "x=1,w=2"], cancelled("--at", "x", "x*0 + w", "w")),
    (["graph", "x*0 + w", "--at", "x=1,w=2"], cancelled("--at", "x", "x*0 + w", "w")),
    (["minimize", "w - w + 1", "--wrt", "w"], cancelled("--wrt", "w", "w - w + 1", "1")),
    (["minimize", "x*0 + w^2", "--wrt", "w", "--data", "x=1"], cancelled("--data", "x", "x*0 + w^2", "w**2")),
])
def test_a_cancelled_name_is_said_to_cancel(capsys, argv, message):
    assert run(capsys, *argv) == (2, "", message)


def test_the_claim_holds():
    """The oracle: SymPy's derivative with respect to each cancelled name is 0."""
    x, w = sympy.symbols("x w", real=True)
    assert sympy.diff(x * 0 + w, x) == 0
    assert sympy.diff(w * sympy.Rational(1, 10) + w * sympy.Rational(2, 10) - sympy.Rational(3, 10) * w, w) == 0


def test_a_name_never_typed_keeps_its_message(capsys):
    assert run(capsys, "derive", "x*0 + w", "--wrt", "y") == (
        2, "", "symopt: --wrt y: the expression has no symbol 'y'; its symbols are ['w']\n")
