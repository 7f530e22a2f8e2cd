"""Importing JAX draws from NumPy's global random state (probe32 P32-2); symopt imports it lazily, when a JAX backend is
first asked for, so a program seeded with ``numpy.random.seed`` drew other noise and batches after its first JAX
session or ``backend="jax"`` call.  A fresh interpreter checks it, since JAX is imported once per process."""

import subprocess
import sys

import pytest

pytest.importorskip("jax")

PROGRAM = """
import numpy as np
import symopt
from symopt.jax_printer import require_jax
np.random.seed(0)
before = np.random.rand()
np.random.seed(0)
require_jax()
print(before == np.random.rand())
"""


def test_the_first_jax_import_keeps_numpys_global_random_state():
    out = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.split()[-1] == "True"
