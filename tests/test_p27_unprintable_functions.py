"""probe27 P27-9: ``evaluate`` of the incomplete gamma functions (a gamma model's CDF and survival function) and the
Fresnel integrals leaked SymPy's printer text ("Unsupported by <class 'symopt.printers.NumPyProgramPrinter'>: ...
Set the printer option 'strict' to False"), an option a user cannot reach.  Now the same UnsupportedOperationError
as for ``besseli``: naming the function and the backend, listing what generated code computes (only names a user
can write, not symopt's internal nodes) and saying what to do."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

BODIES = {"lowergamma": lambda a, u: sympy.lowergamma(a, u), "uppergamma": lambda a, u: sympy.uppergamma(a, u),
          "fresnels": lambda a, u: sympy.fresnels(a * u), "fresnelc": lambda a, u: sympy.fresnelc(a * u),
          "besseli": lambda a, u: sympy.besseli(a, u)}


def _check(message: str, name: str, backend: str) -> None:
    assert f"no code printer for {name} (in " in message and f"on the {backend} backend" in message
    assert "strict" not in message and "<class" not in message and "Printer" not in message
    for internal in ("in_float", "log_where_nonzero", "reciprocal_where_nonzero"):
        assert internal not in message
    assert "erf, erfc, exp" in message and "scipy.special" in message


@pytest.mark.parametrize("name", BODIES)
def test_an_unprintable_function_of_data_names_itself(name):
    x, a = symopt.Placeholder("x", (None, 1)), symopt.Variable("a", 0.5)
    with pytest.raises(UnsupportedOperationError) as caught:
        symopt.evaluate(ops.sum(x.applyfunc(lambda u: BODIES[name](a, u))), {x: np.ones((2, 1)), a: 0.5})
    _check(str(caught.value), name, "numpy")


@pytest.mark.parametrize("name", BODIES)
def test_an_unprintable_function_of_scalars_names_itself(name):
    a, t = symopt.Variable("a", 0.5), sympy.Symbol("t", real=True)
    with pytest.raises(UnsupportedOperationError) as caught:
        symopt.evaluate(BODIES[name](a, t), {t: 1.0, a: 0.5})
    _check(str(caught.value), name, "math")
