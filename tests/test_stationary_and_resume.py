"""Two things a user meets around the edges of a run (f-probe F5 items 16 and 17).

* ``method="newton"`` started exactly at a stationary point that is a maximum or a saddle reported
  ``success=True, "converged"``; it has the Hessian there, so it says the point is not a minimum.  A flat
  minimum (``w**4`` at 0, a singular Hessian) still converges.
* The resume-or-start idiom ``minimize(..., checkpoint=p, resume_from=p)`` starts fresh when ``p`` does not exist
  yet and resumes from it afterwards (Keras' ``BackupAndRestore``); a ``resume_from`` of its own that does not
  exist stays an error.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import CheckpointError, IndefiniteHessianError


def test_newton_at_a_stationary_maximum_or_saddle_is_not_a_minimum():
    w = symopt.Variable("w", 0.0)
    with pytest.raises(IndefiniteHessianError, match=r"every \|gradient\| <= 1e-10 at iteration 0, but the Hessian "
                                                     r"there has a negative eigenvalue \(\[-3\.\]\): a maximum or a saddle"):
        symopt.minimize(-w ** 2 + sympy.cos(w), {w: 0.0}, method="newton")
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    with pytest.raises(IndefiniteHessianError, match=r"\[-2\.  2\.\]"):
        symopt.minimize(x ** 2 - y ** 2, {x: 0.0, y: 0.0}, method="newton")


@pytest.mark.parametrize("cost", ["w**4", "w**2 + cos(w)"])
def test_newton_at_a_minimum_converges_flat_or_not(cost):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(sympy.sympify(cost, locals={"w": w}), {w: 0.0}, method="newton")
    assert result.success and result[w] == 0.0 and result.message.startswith("converged")


def test_resume_or_start_with_one_path(tmp_path):
    path = tmp_path / "run.npz"
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    first = symopt.minimize(cost, w, steps=100, checkpoint=path, resume_from=path)  # no file yet: starts fresh
    assert path.exists() and first.steps == 100
    resumed = symopt.minimize(cost, w, steps=300, checkpoint=path, resume_from=path)
    straight = symopt.minimize(cost, w, steps=300)
    assert resumed[w] == straight[w] and np.array_equal(resumed.history, straight.history)


def test_a_missing_resume_file_of_its_own_is_still_an_error(tmp_path):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(CheckpointError, match="does not exist"):
        symopt.minimize(w ** 2, w, steps=3, checkpoint=tmp_path / "a.npz", resume_from=tmp_path / "b.npz")
    with pytest.raises(CheckpointError, match="does not exist"):
        symopt.minimize(w ** 2, w, steps=3, resume_from=tmp_path / "a.npz")
