"""Classic TF1 programs as books and courses wrote them (tests/tf1_classics/: Hands-On ML 1st ed. ch. 9-11 and 14,
the TF1 "MNIST for beginners" softmax regression, Stanford CS20SI, Aymeric Damien's TensorFlow-Examples, Morvan
Zhou's tutorials), run unchanged through ``symopt tf1``'s runner.  Oracle: each program's standard output from real
TensorFlow 2.21 ``tf.compat.v1`` (``NAME.tf1.txt``, recorded once with ``python NAME.py``; random initial values
are drawn with NumPy in the programs, since TF's own random streams are not reproduced).  The text must be the same
and every number equal to float32 rounding: training loops of hundreds of float32 steps accumulate a few ulp of
different summation orders (``REL``)."""

import pathlib
import re

import pytest

from symopt.compat.v1.runner import run_program

PROGRAMS = pathlib.Path(__file__).parent / "tf1_classics"
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")
#: The largest relative difference of a printed number from TF1's (float32 training loops: a few ulp; the float32
#: normal equation's matrix inverse, LAPACK's against Eigen's: 1.5e-6).
REL = 1e-5


def _parts(text: str) -> tuple:
    """The text with each number replaced by ``#`` (whitespace collapsed: NumPy pads columns to the widest number),
    and the numbers."""
    skeleton = re.sub(r"\s+", " ", NUMBER.sub("#", text)).replace("[ ", "[").replace(" ]", "]")
    return skeleton.strip(), [float(n) for n in NUMBER.findall(text)]


@pytest.mark.parametrize("name", sorted(p.stem for p in PROGRAMS.glob("*.py")))
def test_classic_program_prints_tf1s_numbers(name, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_program(str(PROGRAMS / f"{name}.py"))
    ours = capsys.readouterr().out
    expected = (PROGRAMS / f"{name}.tf1.txt").read_text()
    (skeleton, numbers), (tf1_skeleton, tf1_numbers) = _parts(ours), _parts(expected)
    assert skeleton == tf1_skeleton
    assert len(numbers) == len(tf1_numbers)
    for got, want in zip(numbers, tf1_numbers):
        assert got == pytest.approx(want, rel=REL, abs=1e-12, nan_ok=True), (got, want)
