"""probe16 Z6: a cost with no real / finite value because of the DATA (log of a negative or zero observation in a
log-normal or Weibull likelihood) was blamed on the start: "Start inside the domain", "Start where the cost is
finite", "log(w**2 + eps) for log(w)"; no start can fix it and the data entry was never named.  Oracle: NumPy's log of
the data alone (nan at the negative entry, -inf at the zero), found by hand."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError, DomainError

x = symopt.Placeholder("x", (None, 1))
mu = symopt.Variable("mu", 0.0)
LOG_NORMAL = ops.mean(x.applyfunc(lambda s: (sympy.log(s) - mu) ** 2))  # log(x) reads only data

RUNS = {
    "lbfgs": dict(method="lbfgs"),
    "newton": dict(method="newton"),
    "gradient descent": dict(steps=10),
    "with a trace": dict(steps=10, trace=True),
    "mini-batches": dict(batch_size=1, epochs=1, shuffle=False),
}


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("observations, error, said", [
    ([[1.0], [2.0], [-3.0]], DomainError, r"log\(x\) is nan \(no real value\) at x\[2, 0\] = -3"),
    ([[1.0], [0.0], [3.0]], DivergenceError, r"log\(x\) is -inf at x\[1, 0\] = 0"),
], ids=["negative", "zero"])
def test_the_data_entry_is_named_not_the_start(run, observations, error, said):
    data = np.array(observations)
    with np.errstate(all="ignore"):
        oracle = np.argwhere(~np.isfinite(np.log(data)))[0]
    assert said.endswith(f"x\\[{oracle[0]}, {oracle[1]}\\] = {data[tuple(oracle)]:g}")
    with pytest.raises(error, match=said) as caught:
        symopt.minimize(LOG_NORMAL, mu, data={x: data}, **RUNS[run])
    message = str(caught.value)
    assert "because of the data" in message and "clean the data" in message
    assert "Start inside the domain" not in message and "Start where the cost is finite" not in message
    assert caught.value.result is not None


def test_a_scalar_observation_is_named():
    s = symopt.Placeholder("s")
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DomainError, match=r"log\(s\) is nan \(no real value\) at s = -3"):
        symopt.minimize((w - sympy.log(s)) ** 2, w, data={s: -3.0}, steps=5)


def test_a_nan_the_parameters_cause_still_gets_the_domain_advice():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DomainError, match="Start further from that boundary") as caught:
        symopt.minimize(w - 3 * sympy.log(w) + 0.5 * w ** 2, w, optimizer=symopt.GradientDescent(1.9), steps=50)
    assert "because of the data" not in str(caught.value)


def test_a_branch_not_taken_is_not_blamed():
    """A Piecewise guarding log(x) is NaN only in the branch it does not take: the data are not the cause."""
    w = symopt.Variable("w", 1.0)
    guarded = ops.mean(x.applyfunc(lambda s: sympy.Piecewise((sympy.log(s), s > 0), (0, True)) * w))
    cost = guarded + sympy.sqrt(w)  # sqrt leaves the domain once w < 0
    with pytest.raises(DomainError) as caught:
        symopt.minimize(cost, w, data={x: np.array([[1.0], [-2.0]])}, optimizer=symopt.GradientDescent(10.0),
                        steps=50)
    assert "because of the data" not in str(caught.value)


def test_a_bad_row_in_a_later_mini_batch_is_not_blamed_for_an_earlier_divergence():
    """The run diverges (too large a learning rate) on mini-batch 1, before the batch with the bad row is read:
    the data entry is not the cause, so the advice stays a smaller learning rate."""
    w = symopt.Variable("w", 1.0)
    z = symopt.Placeholder("z", (None, 1))
    cost = ops.mean(z.applyfunc(lambda s: (s * w) ** 2 + sympy.log(s)))
    rows = np.ones((40, 1))
    rows[39, 0] = -1.0  # log(-1) in the last mini-batch
    with pytest.raises(DivergenceError, match="Try a smaller learning rate") as caught:
        symopt.minimize(cost, w, data={z: rows}, batch_size=10, epochs=1, shuffle=False,
                        optimizer=symopt.GradientDescent(np.float64(1e200)))
    assert "because of the data" not in str(caught.value) and caught.value.result.steps < 3


def test_a_streamed_batch_names_the_entry_of_its_mini_batch():
    """A stream's batches are the user's own arrays, with no row numbers in a whole: the entry is named by its row
    in the batch that diverged, and that batch by its number.  Oracle: NumPy's log of that batch by hand."""
    rows = np.ones((6, 1))
    rows[4, 0] = -2.0  # the second mini-batch of three rows, its row 1
    with np.errstate(all="ignore"):
        row, column = np.argwhere(~np.isfinite(np.log(rows[3:6])))[0]
    said = (r"at step 1 \(mini-batch 2 of epoch 1 of the stream; its rows are numbered in that batch\) because of "
            rf"the data: log\(x\) is nan \(no real value\) at x\[{row}, {column}\] = -2")
    with pytest.raises(DomainError, match=said) as caught:
        symopt.minimize(LOG_NORMAL, mu, data=[{x: rows[0:3]}, {x: rows[3:6]}], epochs=1)
    assert caught.value.result is not None


@pytest.mark.parametrize("shape, run", [((None,), run) for run in sorted(RUNS)] +
                         [((3,), run) for run in sorted(RUNS) if "batch_size" not in RUNS[run]])  # no batch axis
def test_a_rank_1_input_names_its_entry(shape, run):
    """A rank-1 Placeholder is an (n, 1) column inside the run, which evaluate refuses for it: the search found
    nothing, and the data's log(-2) got the advice to start inside the domain.  Oracle: NumPy's log of the data."""
    v = symopt.Placeholder("v", shape)
    cost = ops.mean(v.applyfunc(lambda s: (sympy.log(s) - mu) ** 2))
    data = np.array([1.0, -2.0, 3.0])
    with np.errstate(all="ignore"):
        (entry,) = np.argwhere(~np.isfinite(np.log(data)))[0]
    said = rf"because of the data: log\(v\) is nan \(no real value\) at v\[{entry}\] = -2\."
    with pytest.raises(DomainError, match=said) as caught:
        symopt.minimize(cost, mu, data={v: data}, **RUNS[run])
    assert "Start inside the domain" not in str(caught.value) and caught.value.result is not None
