r"""A second-order run's message read at the point it returns (probe60 P60-11).

Its iterations run in float64 and a float32 run returns their last iterate rounded to float32
(:meth:`~symopt.second_order.Problem.params`); a gradient test that held at the float64 iterate need not hold at its
rounding (Hilbert(6) in float32: :math:`|\nabla J| \le 10^{-10}` at the iterate, :math:`5.4\times 10^{-8}` at the
returned point).  :func:`at_returned_point` says so rather than claim the tolerance of a point the user never gets.
"""

from __future__ import annotations

import numpy as np

from .method_checks import projected_gradient

__all__ = ["at_returned_point"]


def at_returned_point(problem, x: np.ndarray, bounds: list | None, tol: float | None, message: str,
                      success: bool) -> str:
    r"""``message``, or, where a float32 run's success under ``tol`` (None: no tolerance stated) and the
    largest |gradient| (projected onto ``bounds``, an entry at its bound at ``x`` or at its rounding counting 0 where it
    pushes out: final42b F42b-8) at the float32 rounding of ``x`` exceeds it, ``message`` with that gradient appended: converged to
    float32's rounding.  ``problem`` is a :class:`~symopt.second_order.Problem`."""
    if problem.result_dtype != "float32" or not success or tol is None:
        return message
    rounded = np.concatenate([np.ravel(value).astype(float) for value in problem.params(x, bounds).values()])
    gradient = projected_gradient(rounded, problem.value_and_grad(rounded)[1], bounds)
    gradient = projected_gradient(x, gradient, bounds)  # the float64 iterate's active bounds: rounding moved it inside
    largest = float(np.max(np.abs(gradient), initial=0.0))
    if not largest > tol:
        return message
    return (f"{message.rstrip('.')} (at the float64 iterate); at the float32 point returned, its rounding, the "
            f"largest |gradient| "
            f"is {largest:.3g} > tol = {tol:g}: converged to float32's rounding (float32 holds each entry to about 6e-8 "
            "of its size; run with dtype='float64' for a gradient below that)")
