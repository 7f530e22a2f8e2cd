"""Shared by tests that bound work by structure: how many SymPy nodes a call visits."""

import sympy


def args_reads(monkeypatch, call) -> int:
    """How many times ``call()`` reads a SymPy node's ``args`` (each visit of a node reads them once)."""
    reads = [0]
    original = sympy.Basic.args

    def counted(node):
        reads[0] += 1
        return original.fget(node)
    monkeypatch.setattr(sympy.Basic, "args", property(counted))
    try:
        call()
    finally:
        monkeypatch.setattr(sympy.Basic, "args", original)
    return reads[0]
