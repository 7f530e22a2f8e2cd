r"""Evidence from the cost itself for :mod:`symopt.end_point_checks` (final40a): a point a method returned is no
minimum only where an actual evaluation a few step lengths away, along a direction the Hessian points to (negative
curvature: a saddle; zero curvature: an inflection such as ``x**3`` at 0, probe64 P64-4), finds the cost materially
lower.
"""

from __future__ import annotations

import numpy as np

from .method_checks import clipped_start

__all__ = ["UNFINISHED_DECREMENT", "CURVATURE_ROUNDING", "NEGLIGIBLE_MOVE", "SADDLE_STEPS", "FLAT_PROBES",
           "FLAT_SLOPE", "FLAT_ROUNDING", "STATIONARY_DISTANCE", "lower_along", "lower_near_critical_point",
           "flat_directions", "inflection_along", "inflection_reason", "materially_lower", "moves", "inside"]

#: A claimed minimum is refused only where the cost, evaluated at a point the Hessian points to (along negative
#: curvature, at Newton's point :math:`x - d`), is lower than here by more than this fraction of the cost's scale
#: :math:`\max(|J|, |J(\text{start})|)`: evidence, not a model's prediction (final40a F40a-2, F40a-3).
UNFINISHED_DECREMENT = 1e-6
#: Eigenvalues of the Hessian below this fraction of its largest are read as curving down (a saddle) when negative:
#: the Hessian of a point where a method stopped, not of the minimum.  Past :data:`DENSE_CHECK_SIZE` entries the
#: same fraction of the largest curvature the products met (:mod:`symopt.end_point_checks`' bounded search); an
#: eigenvalue within it of 0 is flat (:func:`flat_directions`).
CURVATURE_ROUNDING = 1e-8
#: A move of at most this fraction of :math:`1 + \|x\|_\infty` (in :math:`\|\cdot\|_\infty`) is no move: a restart
#: from an exact fit has a Newton step of rounding's size (final40a F40a-2).
NEGLIGIBLE_MOVE = 1e-8
#: The step lengths, in units of :math:`\max(1, \|x\|_\infty)`, tried both ways along a direction of negative (or
#: zero) curvature before a saddle (or an inflection) is called one.
SADDLE_STEPS = (1e-4, 1e-3, 1e-2, 1e-1, 1.0)


#: The most directions of zero curvature :func:`newton_check` probes with the cost (each costs up to
#: 2·len(:data:`SADDLE_STEPS`) evaluations): the smallest |eigenvalues| first.
FLAT_PROBES = 4


#: A flat direction is probed only where the cost's slope along it, :math:`|\nabla J^\top v|` (``v`` of unit length), is
#: at most this times :math:`\max(1, |J|)`: an inflection is a critical point (a slope along a direction of tiny
#: curvature is a far Newton step's, as a covariate in dollars gives).
FLAT_SLOPE = 1e-8

#: Along a flat direction a cost change is rounding unless above this times :math:`|J| + \lambda_{\max} r^2`
#: (:math:`r = \max(1, \|x\|_\infty)`, :math:`\lambda_{\max}` the largest |eigenvalue|): the size of the cost's
#: terms over the probes' reach.  A restart at an exact fit (:math:`J = 10^{-29}`) wobbles by more than a fraction of
#: :math:`|J|` (final42b F42b-9).
FLAT_ROUNDING = 100 * float(np.finfo(float).eps)


def lower_along(problem, x: np.ndarray, value: float, scale: float, direction: np.ndarray,
                bounds: list | None = None) -> tuple[float, float] | None:
    r"""``(length, cost)`` of the first point a few step lengths from ``x`` along ``direction``, both ways
    (:data:`SADDLE_STEPS` times :math:`\max(1, \|x\|_\infty)`, inside ``bounds``, after a move above
    :data:`NEGLIGIBLE_MOVE`), where the cost is materially below ``value`` (by :data:`UNFINISHED_DECREMENT` of
    ``scale``); None where none is: a saddle's, or an inflection's, evidence."""
    direction = direction / float(np.max(np.abs(direction)))
    reach = max(1.0, float(np.max(np.abs(x))))
    for length in SADDLE_STEPS:
        for sign in (1.0, -1.0):
            point = x + sign * length * reach * direction
            if not inside(point, bounds) or not moves(x, point - x):
                continue
            lower = problem.value_and_grad(point)[0]
            if materially_lower(lower, value, scale):
                return length * reach, float(lower)
    return None


#: A first-order run's point with a slope is read as on a maximum or a saddle only where the critical point along the
#: Hessian's direction of negative curvature :math:`v`, :math:`x_c = x - (\nabla J^\top v / v^\top H v)\,v`, is within
#: this fraction of :math:`\max(1, \|x\|_\infty)` and the cost a few step lengths from :math:`x_c` along :math:`v`
#: (:func:`lower_along`) is materially below the point's: the evidence, not the distance alone, so
#: ``(w**2 - 1)**2 + 1e-3*w`` from 0, the maximum 2.5e-4 away, is refused as 1e-7*w is (final42f F42f-5, final42b
#: F42b-10); the refit of a network (0.25 from its critical point) or ``(w**2 - 1)**2`` from 0.1 (0.1 from it) is not:
#: a looser ``tol`` that holds on a real slope is the user's precision (final41b F41b-7).
STATIONARY_DISTANCE = 1e-2


def lower_near_critical_point(problem, x: np.ndarray, value: float, scale: float, gradient: np.ndarray,
                              direction: np.ndarray, curvature: float,
                              bounds: list | None = None) -> tuple[float, float] | None:
    r"""``(length, cost)`` as :func:`lower_along`, probed from the critical point along ``direction`` :math:`v`, whose
    Rayleigh quotient :math:`v^\top H v / v^\top v` is ``curvature`` (< 0): :math:`x_c = x - s\,v` with
    :math:`s = \nabla J^\top v / (v^\top H v)`, where :math:`\|s v\|_\infty` is within :data:`STATIONARY_DISTANCE` of
    :math:`\max(1, \|x\|_\infty)` (None farther); ``length`` counts the way to :math:`x_c` too.  One to ten
    evaluations of the cost."""
    shift = float(gradient @ direction) / (curvature * float(direction @ direction)) * direction
    moved = float(np.max(np.abs(shift), initial=0.0))
    if moved > STATIONARY_DISTANCE * max(1.0, float(np.max(np.abs(x), initial=0.0))):
        return None
    lower = lower_along(problem, x - shift, value, scale, direction, bounds)
    return None if lower is None else (lower[0] + moved, lower[1])


def inflection_along(problem, x: np.ndarray, value: float, scale: float, gradient: np.ndarray, directions,
                     curvature: float, bounds: list | None = None) -> tuple[float, float] | None:
    r"""``(length, cost)`` where a step along one of the flat ``directions`` (unit length; the largest |eigenvalue| is
    ``curvature``) lowers the cost as an odd-order term does (:math:`x^3` at 0): an inflection (probe64 P64-4); else
    None.  A direction is probed only where the slope :math:`|\nabla J^\top v|` is at most :data:`FLAT_SLOPE` of
    :math:`\max(1, |J|)`.  On one side, at a length of :data:`SADDLE_STEPS` the cost must be lower than ``value`` by
    more than :math:`\max(` :data:`UNFINISHED_DECREMENT` ``scale``, :data:`FLAT_ROUNDING` :math:`(|J| + \lambda_{\max}
    r^2))`, and at every shorter length on that side not higher by that much: an even-order rise near ``x``
    (:math:`x^4(x - 1/2)(x - 3/2)` at 0) is a minimum, whatever a deeper basin one unit away holds (final42b F42b-5)."""
    reach = max(1.0, float(np.max(np.abs(x))))
    margin = max(UNFINISHED_DECREMENT * scale, FLAT_ROUNDING * (abs(value) + curvature * reach ** 2))
    for direction in directions:
        if abs(float(gradient @ direction)) > FLAT_SLOPE * max(1.0, abs(value)):
            continue  # a slope along it: no critical point, but a far Newton step's (a covariate in dollars)
        unit = direction / float(np.max(np.abs(direction)))
        for sign in (1.0, -1.0):
            for length in SADDLE_STEPS:
                point = x + sign * length * reach * unit
                if not inside(point, bounds) or not moves(x, point - x):
                    continue
                cost = float(problem.value_and_grad(point)[0])
                if not np.isfinite(cost) or cost > value + margin:
                    break  # the cost rises first on this side: no odd-order fall
                if cost < value - margin:
                    return length * reach, cost
    return None


def materially_lower(lower: float, value: float, scale: float) -> bool:
    """Whether the cost ``lower`` is below ``value`` by more than :data:`UNFINISHED_DECREMENT` of ``scale``."""
    return bool(np.isfinite(lower) and lower < value - UNFINISHED_DECREMENT * scale)


def moves(x: np.ndarray, step: np.ndarray) -> bool:
    r"""Whether ``step`` from ``x`` is more than :data:`NEGLIGIBLE_MOVE` of :math:`1 + \|x\|_\infty`."""
    return float(np.max(np.abs(step))) > NEGLIGIBLE_MOVE * (1 + float(np.max(np.abs(x))))


def inside(point: np.ndarray, bounds: list | None) -> bool:
    """Whether ``point`` lies inside SciPy's per-entry ``bounds`` (None: no box)."""
    return bounds is None or clipped_start(point, bounds).tolist() == point.tolist()


def flat_directions(eigenvalues: np.ndarray, vectors: np.ndarray) -> list[np.ndarray]:
    """The eigenvectors (columns of ``vectors``) whose eigenvalues are 0 to rounding (:data:`CURVATURE_ROUNDING` of the
    largest |eigenvalue|; all where every one is 0), at most :data:`FLAT_PROBES`, the smallest |eigenvalue| first."""
    largest = float(np.max(np.abs(eigenvalues), initial=0.0))
    return [vectors[:, index] for index in np.argsort(np.abs(eigenvalues))[:FLAT_PROBES]
            if abs(eigenvalues[index]) <= CURVATURE_ROUNDING * largest]


def inflection_reason(gradient: np.ndarray, value: float, lower: tuple[float, float], spectrum: str) -> str:
    """The end of a verdict where a step of ``lower`` = ``(length, cost)`` along a direction of zero curvature lowers
    the cost: an inflection (probe64 P64-4)."""
    length, cost = lower
    return (f"the largest |gradient| is {np.max(np.abs(gradient)):.3g} at the point it returned, and the Hessian there "
            f"has a zero eigenvalue ({spectrum}), yet a step of {length:.3g} along its flat direction lowers the cost "
            f"from {value:.6g} to {cost:.6g}: an inflection (as x**3 at 0), not a minimum. Start elsewhere, or check "
            "that the cost is bounded below")
