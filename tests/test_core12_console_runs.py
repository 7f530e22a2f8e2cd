"""probe16 Z13 (the cp1252 part): cp1252 can encode ¹ ² ³ but not ⁰ ⁴-⁹, so the codec wrote ² of w²⁰ itself and its
error handler saw only ⁰: the console showed w²^0 (w^(2^0) = w beside the number 2^20) and 20w¹^9.  A run of
superscripts or subscripts that the encoding cannot write whole is now written in ASCII whole."""

import io
import os
import subprocess
import sys

import pytest

from symopt.ascii_output import protect, whole_runs

LINE = "J = w²⁰ = 1048576, dJ/dw = 20w¹⁹; w¹² + w² + x₁₂ + σ(u)\n"


@pytest.mark.parametrize("encoding, expected", [
    ("cp1252", "J = w^20 = 1048576, dJ/dw = 20w^19; w¹² + w² + x_12 + sigma(u)\n"),
    ("ascii", "J = w^20 = 1048576, dJ/dw = 20w^19; w^12 + w^2 + x_12 + sigma(u)\n")])
def test_a_stream_of_that_encoding(encoding, expected):
    raw = io.BytesIO()
    stream = protect(io.TextIOWrapper(raw, encoding=encoding))
    assert stream.write(LINE) == len(LINE)
    print("w⁴", file=stream)
    stream.flush()
    assert raw.getvalue().decode(encoding) == expected + "w^4\n"


def test_utf8_is_left_alone():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert protect(stream) is stream
    assert whole_runs(LINE, "utf-8") == LINE


def test_the_command_line_on_a_cp1252_console():
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    output = subprocess.run([sys.executable, "-m", "symopt", "derive", "w^20", "--wrt", "w", "--at", "w=2"],
                            capture_output=True, env=environment, check=True).stdout.decode("cp1252")
    assert "  J = w^20 = 1048576\n" in output.replace("\r\n", "\n") and "dJ/dw = 20w^19 = 10485760" in output
    graph = subprocess.run([sys.executable, "-m", "symopt", "graph", "w^14 + w^3", "--at", "w=2"],
                           capture_output=True, env=environment, check=True).stdout.decode("cp1252")
    assert "w^14" in graph and "w³" in graph and "w¹^4" not in graph
