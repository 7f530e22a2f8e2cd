"""Shared by the disk-cache tests: a fresh Python process that counts differentiations, and damaged entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from symopt import disk_cache
from symopt.compiler import CACHE

#: The start of a child process: symopt imported, every differentiation counted in ``calls`` (compile's and
#: minimize's on either backend), placeholders ``X`` (m×3) and ``y`` (m×1).  Relu is an elementwise Lambda of a SymPy Dummy,
#: numbered differently in each process: the key must not depend on it.
PREAMBLE = textwrap.dedent("""
    import importlib.util, json, sys
    import numpy as np
    import sympy
    import symopt, symopt.compiler, symopt.fused
    from symopt import ops
    from symopt.disk_cache import STATS
    calls = []
    for module in (symopt.compiler, symopt.fused):  # the JAX step differentiates in fused too
        module.code_gradients = (lambda original: lambda *a, **k: calls.append(1) or original(*a, **k))(
            module.code_gradients)
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
""")

#: Ways an entry is damaged; each must be ignored, rebuilt and overwritten.
DAMAGES = ("truncate", "not json", "other key", "bad source", "empty")


@pytest.fixture
def cache(tmp_path):
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    CACHE.clear()
    yield directory
    CACHE.clear()


def fresh_process(body: str, directory, *arguments: str) -> dict:
    """Run ``PREAMBLE + body`` with ``$SYMOPT_CACHE_DIR=directory``; the JSON its last line prints."""
    environment = {**os.environ, disk_cache.ENVIRONMENT_VARIABLE: str(directory)}
    output = subprocess.run([sys.executable, "-c", PREAMBLE + textwrap.dedent(body), *arguments], env=environment,
                            check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def damaged(text: str, damage: str, source_field: str) -> str:
    """The entry ``text`` damaged one way of :data:`DAMAGES` (``source_field``: where its source is)."""
    if damage in ("other key", "bad source"):
        field, value = ("key", "something else") if damage == "other key" else (source_field, "def f(:\n")
        return json.dumps({**json.loads(text), field: value})
    return {"truncate": text[:len(text) // 2], "not json": "\x00garbage", "empty": ""}[damage]
