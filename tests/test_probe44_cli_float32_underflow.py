"""A --data/--wrt value that --dtype float32 makes 0 is refused in the command line's words, as its overflow twin is
(probe44 P44-4): the library's message said ``compute in float64 (dtype='float64')``, Python's spelling."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest


def _run(*argv):
    return subprocess.run([sys.executable, "-m", "symopt", "minimize", "x*w^2", *argv, "--dtype", "float32",
                           "--steps", "2"], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("argv, option", [(("--wrt", "w=1", "--data", "x=1e-50"), "--data x=1e-50"),
                                          (("--wrt", "w=-1e-46", "--data", "x=1"), "--wrt w=-1e-46")])
def test_a_value_float32_makes_zero_is_refused_in_cli_words(argv, option):
    assert np.float32(float(option.split("=")[1])) == 0  # the oracle: NumPy rounds it to 0
    name = option.split()[1].split("=")[0]
    done = _run(*argv)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"symopt: {option}: float32's smallest positive number is 1.401e-45, so {name} would be "
                           "0; give a value farther from 0 (rescale it), or add --dtype float64\n")


def test_a_subnormal_value_is_kept():
    assert np.float32(1e-40) != 0
    done = _run("--wrt", "w=1", "--data", "x=1e-40")
    assert done.returncode == 0, done.stderr
