"""probe8 R18: ``log(w, 0)`` is ``log(w)/log(0) = 0`` after SymPy's evaluation, and the command line then said the
typed symbol ``w`` did not exist; a base whose logarithm is not finite is refused naming the logarithm."""

import pytest

from symopt.cli import main


@pytest.mark.parametrize("arguments", [["derive", "log(w, 0)", "--wrt", "w", "--at", "w=2"],
                                       ["minimize", "log(w, 0)", "--wrt", "w=2", "--steps", "3"],
                                       ["derive", "w*log(2, 0)", "--wrt", "w", "--at", "w=2"],
                                       ["derive", "log(w, 0.0)", "--wrt", "w"]])
def test_a_base_zero_logarithm_is_refused_naming_it(capsys, arguments):
    assert main(arguments) == 2
    error = capsys.readouterr().err
    assert "the base-0 logarithm is undefined" in error and "no symbol" not in error


def test_a_positive_base_still_works(capsys):
    assert main(["derive", "log(w, 2)", "--wrt", "w", "--at", "w=2"]) == 0
    assert "dJ/dw = 1/(w·log(2)) = 0.721348" in capsys.readouterr().out
