"""probe17 D9e: a name repeated across two occurrences of a list option (`--wrt a --wrt a`, `--at a=1 --at a=2`) was
refused with the column of the joined string "a,a" ("again at column 3"), a string the user never typed.  The
message now names the two options as typed; a repeat inside one option keeps its column."""

import pytest

from symopt.cli import main


@pytest.mark.parametrize("arguments, message", [
    (["derive", "a*b", "--wrt", "a", "--wrt", "a"],
     "symopt: --wrt: expected each name once; given 'a' in two --wrt options (--wrt a and --wrt a); remove it from "
     "one\n"),
    (["derive", "a*b", "--wrt", "a,b", "--at", "a=1", "--at", "b=2,a=2"],
     "symopt: --at: expected each name once; given 'a' in two --at options (--at a=1 and --at b=2,a=2); remove it "
     "from one\n"),
    (["minimize", "(w - 3)**2", "--wrt", "w=1", "--wrt", "w=max(1,2)"],
     "symopt: --wrt: expected each name once; given 'w' in two --wrt options (--wrt w=1 and --wrt w=max(1,2)); "
     "remove it from one\n"),
    (["derive", "a*b", "--wrt", "a,a"],
     "symopt: expected each name once, got 'a' again at column 3; remove the duplicate\n")])
def test_a_name_given_in_two_options(arguments, message, capsys):
    assert main(arguments) == 2
    captured = capsys.readouterr()
    assert captured.err == message and captured.out == ""


def test_different_names_in_two_options_add_up(capsys):
    assert main(["derive", "a*b", "--wrt", "a", "--wrt", "b", "--at", "a=1", "--at", "b=2"]) == 0
    assert "  dJ/db = a = 1\n" in capsys.readouterr().out
