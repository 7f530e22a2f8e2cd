"""An expression spelled like an option (probe44 P44-5): ``symopt derive "-h" --wrt h --at h=2`` printed the usage
with exit status 0 (a script got success and no derivation), and ``derive "--w" --wrt w`` said "required: expr".
Now both are refused, pointing to ``--``; ``-h`` alone still asks for help."""

from __future__ import annotations

import pytest

from symopt.cli import main


@pytest.mark.parametrize("argv, message", [
    (["derive", "-h", "--wrt", "h", "--at", "h=2"],
     "symopt: derive: expected the expression, or options only; given '-h', which is the help option, where the "
     "expression goes. For the expression -h, write it after '--': symopt derive --wrt h --at h=2 -- -h, or symopt "
     "derive -h alone for help\n"),
    (["derive", "--w", "--wrt", "w"],
     "symopt: derive: expected the expression, or options only; given '--w', which is no option of derive, where "
     "the expression goes. For the expression --w, write it after '--': symopt derive --wrt w -- --w\n"),
    (["graph", "--help", "--at", "h=1"],
     "symopt: graph: expected the expression, or options only; given '--help', which is the help option, where the "
     "expression goes. For the expression --help, write it after '--': symopt graph --at h=1 -- --help, or symopt "
     "graph -h alone for help\n")])
def test_an_option_spelling_where_the_expression_goes_is_refused(argv, message, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message)


def test_after_the_double_dash_it_is_the_expression(capsys):
    assert main(["derive", "--wrt", "h", "--at", "h=2", "--", "-h"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dh = -1"
    assert main(["derive", "--wrt", "w", "--", "--w"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dw = 1"


def test_help_alone_is_help(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["derive", "-h"])
    assert stopped.value.code == 0 and capsys.readouterr().out.startswith("usage: symopt derive")
