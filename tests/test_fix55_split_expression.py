"""An unquoted expression the shell split at its spaces (``symopt derive w^2 + 1 --wrt w``) is refused as one, with the
command quoted, not with argparse's top-level "unrecognized arguments: + 1" (probe55 P55-5)."""

from __future__ import annotations

import pytest

from symopt.cli import main


def split(command: str, first: str, rest: str, quoted_command: str) -> str:
    return (f"symopt: {command}: expected the expression as one argument; given {first!r} followed by {rest!r}, as "
            f"a shell splits an unquoted expression at its spaces. Quote it: {quoted_command}\n")


@pytest.mark.parametrize("argv, message", [
    ("derive w^2 + 1 --wrt w", split("derive", "w^2", "+ 1", 'symopt derive "w^2 + 1" --wrt w')),
    ("minimize w^2 -3*w --wrt w", split("minimize", "w^2", "-3*w", 'symopt minimize "w^2 -3*w" --wrt w')),
    ("derive --wrt w w^2 -1", split("derive", "w^2", "-1", 'symopt derive "w^2 -1" --wrt w')),
    ("derive -w + 1 --wrt w", split("derive", "-w", "+ 1", 'symopt derive "-w + 1" --wrt w')),
    ("graph a + b --at a=1,b=2", split("graph", "a", "+ b", 'symopt graph "a + b" --at a=1,b=2')),
    ("explain relu(w) * x --wrt w --at w=1,x=2",
     split("explain", "relu(w)", "* x", 'symopt explain "relu(w) * x" --wrt w --at w=1,x=2')),
])
def test_a_split_expression_is_refused_with_the_command_quoted(capsys, argv, message):
    assert main(argv.split()) == 2
    assert capsys.readouterr() == ("", message)


def test_an_option_value_with_spaces_is_quoted_for_the_shell(capsys):
    assert main(["derive", "w^2", "+", "b", "--wrt", "w", "--at", "w=1, b=2"]) == 2
    assert capsys.readouterr().err.endswith("""Quote it: symopt derive "w^2 + b" --wrt w --at 'w=1, b=2'\n""")


def test_an_unknown_option_keeps_argparse_report(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["graph", "3*w", "--wrt", "w"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.endswith("symopt: error: unrecognized arguments: --wrt w\n")
