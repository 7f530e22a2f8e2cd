"""A string inside a container of costs is refused, never run (final39 F39b-1).

``evaluate([text])`` built ``sympy.Tuple(*outputs)``, and ``explain``/``hessian``/``graph`` of a tuple, set or dict
went through ``sympify(..., strict=True)``: SymPy's converters of tuples, sets and dicts parse their items, strict or
not, and SymPy's parser runs its input as Python.  Each item is now converted alone, a string refused.  The probe writes
a file: the test fails if the file appears."""

from __future__ import annotations

import collections

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

Pair = collections.namedtuple("Pair", "first")


def _calls(text: str) -> dict:
    w = sympy.Symbol("w")
    return {
        "evaluate list": lambda: symopt.evaluate([text], {}),
        "evaluate tuple": lambda: symopt.evaluate((text,), {}),
        "evaluate dict": lambda: symopt.evaluate({"a": text}, {}),
        "evaluate nested": lambda: symopt.evaluate([[(text,)]], {}),
        "evaluate namedtuple": lambda: symopt.evaluate(Pair(text), {}),
        "explain tuple": lambda: symopt.explain((text,), w),
        "explain dict": lambda: symopt.explain({"a": text}, w),
        "explain set": lambda: symopt.explain({text}, w),
        "hessian tuple": lambda: symopt.hessian((text,), [w]),
        "hessian dict": lambda: symopt.hessian({"a": text}, [w]),
        "hessian frozenset": lambda: symopt.hessian(frozenset([text]), [w]),
        "graph tuple": lambda: symopt.graph((text,)),
        "grad tuple": lambda: symopt.grad((text,), w),
        "minimize set": lambda: symopt.minimize({text}, w),
    }


@pytest.mark.parametrize("call", sorted(_calls("")))
def test_a_string_in_a_container_is_refused_and_never_run(call, tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(ConfigurationError):
        _calls(f"open({str(marker)!r}, 'w')")[call]()
    assert not marker.exists()
