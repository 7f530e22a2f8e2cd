"""A run whose last step leaves the cost without a value (review11 R11-11) returned value=nan with success=True and
"stopped after N steps"; one more step and the same run was a DomainError.  The full-batch run computes the cost at
the parameters it returns, so it is that divergence, diagnosed as one more step's would be, on both backends."""

import importlib.util

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError, DomainError

B = symopt.Variable("b", 2.0)
X = symopt.Placeholder("x", (None, 1))
COST = (sympy.sqrt(B) - 1.0) ** 2 + ops.mean(ops.square(X)) * B
DATA = {X: np.array([[0.1], [0.2], [0.3]])}
BACKENDS = ["numpy"] + (["jax"] if importlib.util.find_spec("jax") else [])


def _run(steps, backend, **options):
    rate = symopt.PiecewiseConstant([16], [0.1, 50.0])  # step 17 jumps to b = -10.1: sqrt(b) has no value there
    return symopt.minimize(COST, B, data=DATA, optimizer=symopt.GradientDescent(rate), steps=steps, backend=backend,
                           **options)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_last_step_leaving_no_cost_is_the_divergence_one_more_step_reports(backend):
    with pytest.raises(DomainError) as last:
        _run(18, backend)
    with pytest.raises(DomainError) as later:
        _run(19, backend)
    assert str(last.value) == str(later.value)
    assert str(last.value).startswith("after step 18 the parameters reached b = -10.1064, where NumPy reports "
                                      "invalid value in sqrt")
    assert last.value.result.steps == 18 and np.isfinite(last.value.result.value)


def test_through_functional_steps_too():
    """The same run with a callback (one fused step per Python call)."""
    with pytest.raises(DomainError, match="after step 18 the parameters reached b = -10.1064"):
        _run(18, "numpy", callback=lambda step, cost, params: None)


def test_a_finite_end_is_unchanged():
    result = _run(16, "numpy")
    assert result.success and np.isfinite(result.value) and result.message == "stopped after 16 steps"
    assert result.value == pytest.approx(float(symopt.evaluate(COST, {**DATA, B: result[B]})), rel=1e-12)


def test_an_infinite_last_cost_is_a_divergence():
    """Without a domain to leave: w**12 with a last step that overshoots to w = -3e30, where the cost is inf."""
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError, match="training diverged at step 4: the cost became inf"):
        symopt.minimize(w ** 12, w, optimizer=symopt.GradientDescent(symopt.PiecewiseConstant([2], [0.01, 1e30])),
                        steps=4)
