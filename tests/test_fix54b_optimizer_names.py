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
    assert f"scipy.optimize.minimize(lambda p: f(*p), x0, method={name!r}, jac=True" in str(caught.value)
    assert "symopt.compile(cost, [x, y])" in str(caught.value)  # the recipe's words since probe66 P66-5


def test_an_optax_schedule_given_as_optimizer_is_told_it_is_a_rate():
    """optax.exponential_decay returns a function of the step (the oracle: it gives 0.1·0.9 at step 100), not an
    optimizer: symopt's counterpart is a schedule given as an optimizer's rate."""
    optax = pytest.importorskip("optax")
    schedule = optax.exponential_decay(0.1, 100, 0.9)
    assert abs(float(schedule(100)) - 0.09) < 1e-7
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize(w**2, {w: 1.0}, optimizer=schedule)
    message = str(caught.value)
    assert "An optax schedule is a learning rate, not an optimizer" in message
    assert "optimizer=symopt.Adam(symopt.ExponentialDecay(0.1, 1000, 0.96))" in message
    assert "0x" not in message  # no function address
