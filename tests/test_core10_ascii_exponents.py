"""probe16 Z13: on a console without Unicode (PYTHONIOENCODING=ascii) a multi-digit exponent was transliterated digit
by digit, w²⁰ as w^2^0 (which reads as w^(2^0) = w beside the number 2^20), because ¹ ² ³ had entries of their own
that split the run; ÷ (the ops graph's division), ′, ℓ and ∧ came out as "?"."""

import os
import subprocess
import sys

import pytest

from symopt.ascii_output import transliterated


@pytest.mark.parametrize("text, ascii_text", [("w²⁰", "w^20"), ("20w¹⁹", "20w^19"), ("w¹²", "w^12"), ("w³", "w^3"),
                                              ("u: ÷", "u: /"), ("w′", "w'"), ("ℓ", "l"), ("a ∧ b", "a and b")])
def test_transliterated(text, ascii_text):
    assert transliterated(text) == ascii_text


def test_the_command_line_on_an_ascii_console():
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    output = subprocess.run([sys.executable, "-m", "symopt", "derive", "w^20", "--wrt", "w", "--at", "w=2"],
                            capture_output=True, text=True, env=environment, check=True).stdout
    assert "J = w^20 = 1048576" in output and "dJ/dw = 20w^19 = 10485760" in output
