"""final41b F41b-6: ``optimizer=`` and ``method=`` answer the same names from one table (symopt.method_names):
SciPy's methods symopt does not run (``"cg"``, ``"nelder-mead"``, ``"trust-krylov"``) given as ``optimizer=`` got
only the bare list of optimizers, where ``method=`` told how to run them."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

scipy_optimize = pytest.importorskip("scipy.optimize")

w = sympy.Symbol("w")


@pytest.mark.parametrize("name", ["CG", "nelder-mead", "trust-krylov"])
@pytest.mark.parametrize("keyword", ["optimizer", "method"])
def test_a_scipy_method_symopt_does_not_run_is_routed_to_scipy(name, keyword):
    """The oracle: SciPy itself runs ``name`` on the Rosenbrock function."""
    x0 = np.array([1.3, 0.7])
    ran = scipy_optimize.minimize(scipy_optimize.rosen, x0, method=name, jac=scipy_optimize.rosen_der,
                                  hess=scipy_optimize.rosen_hess) if name != "nelder-mead" else \
        scipy_optimize.minimize(scipy_optimize.rosen, x0, method=name)
    assert ran.fun < scipy_optimize.rosen(x0)
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize(w**2, {w: 1.0}, **{keyword: name})
    assert f"scipy.optimize.minimize(fun, x0, method={name!r})" in str(caught.value)
    assert "symopt.compile(cost, wrt" in str(caught.value)
