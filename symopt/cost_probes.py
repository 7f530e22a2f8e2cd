r"""Evidence from the cost itself for :mod:`symopt.end_point_checks` (final40a): a point a method returned is no
minimum only where an actual evaluation a few step lengths away, along a direction the Hessian points to (negative
curvature: a saddle; zero curvature: an inflection such as ``x**3`` at 0, probe64 P64-4), finds the cost materially
lower.
"""

from __future__ import annotations

import numpy as np

from .method_checks import clipped_start

__all__ = ["UNFINISHED_DECREMENT", "CURVATURE_ROUNDING", "FAINT_CURVATURE", "NEGLIGIBLE_MOVE", "SADDLE_STEPS",
           "FLAT_PROBES", "FLAT_SLOPE", "FLAT_ROUNDING", "STATIONARY_DISTANCE", "VALLEY_MARGIN", "lower_along",
           "lower_near_critical_point", "flat_directions", "probe_reach", "hessian_product", "saddle_margin",
           "valley_gap", "inflection_along", "inflection_reason", "materially_lower", "moves", "inside"]

#: A claimed minimum is refused only where the cost, evaluated at a point the Hessian points to (along negative
#: curvature, at Newton's point :math:`x - d`), is lower than here by more than this fraction of the cost's scale
#: :math:`\max(|J|, |J(\text{start})|)` (a saddle's: the end point's, :func:`lower_along`): evidence, not a model's
#: prediction (final40a F40a-2, F40a-3).
UNFINISHED_DECREMENT = 1e-6
#: Eigenvalues of the Hessian below this fraction of its largest are read as curving down (a saddle) when negative:
#: the Hessian of a point where a method stopped, not of the minimum.  Past :data:`DENSE_CHECK_SIZE` entries the
#: same fraction of the largest curvature the products met (:mod:`symopt.end_point_checks`' bounded search); an
#: eigenvalue within it of 0 is flat (:func:`flat_directions`).
CURVATURE_ROUNDING = 1e-8
#: A direction of negative curvature below this fraction of the largest |eigenvalue| curves down faintly: its
#: decrease must pass :data:`UNFINISHED_DECREMENT` of the cost's scale, as before the end point's own margin; a small
#: network stopped in a long, flat, still-falling channel is no saddle (final46e 46e-7).
FAINT_CURVATURE = 1e-3
#: A move of at most this fraction of :math:`1 + \|x\|_\infty` (in :math:`\|\cdot\|_\infty`) is no move: a restart
#: from an exact fit has a Newton step of rounding's size (final40a F40a-2).
NEGLIGIBLE_MOVE = 1e-8
#: The step lengths, in units of :func:`probe_reach` along a direction of negative curvature (of
#: :math:`\max(1, \|x\|_\infty)` along a flat one), tried both ways before a saddle (or an inflection) is called one.
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


def probe_reach(x: np.ndarray, direction: np.ndarray) -> float:
    r"""The unit of a probe's lengths along ``direction`` :math:`v` (:math:`\|v\|_\infty = 1`):
    :math:`\max(1, \max_i |x_i v_i|)`, the size of the entries the probe moves; an unrelated parameter in large
    units (an intercept of 10⁶) does not stretch a probe along another (final43c F43c-14)."""
    return max(1.0, float(np.max(np.abs(x * direction), initial=0.0)))


def hessian_product(problem, x: np.ndarray):
    r"""``p -> H p`` at ``x``: the compiled Hessian-vector product where the method already compiled one or every
    parameter is a matrix (its product compiles as one matrix expression), else (scalar parameters: a symbolic product
    of many would cost more than the run) central differences of the compiled gradient, :math:`(\nabla J(x + hp) -
    \nabla J(x - hp)) / 2h`, :math:`h = \epsilon^{1/3} r / \|p\|_\infty` (:math:`r`:
    :func:`probe_reach`, the size of the entries :math:`p` moves, F43c-14; the cost confirms it)."""
    if getattr(problem, "product", None) is not None or all(problem.shapes):  # matrix parameters: one compile of
        return lambda direction: np.asarray(problem.hessp(x, direction), dtype=float)  # the product, cheap and exact

    def differenced(direction: np.ndarray) -> np.ndarray:
        size = float(np.max(np.abs(direction)))
        if size == 0.0:
            return np.zeros(x.size)
        h = np.cbrt(np.finfo(float).eps) * probe_reach(x, direction / size) / size
        return (problem.value_and_grad(x + h * direction)[1] - problem.value_and_grad(x - h * direction)[1]) / (2 * h)
    return differenced


def lower_along(problem, x: np.ndarray, value: float, scale: float, direction: np.ndarray,
                bounds: list | None = None, curvature: float = 0.0, floor: float = 0.0) -> tuple[float, float] | None:
    r"""``(length, cost)`` of the first point a few step lengths from ``x`` along ``direction``, both ways
    (:data:`SADDLE_STEPS` times :func:`probe_reach`, inside ``bounds``, after a move of the entries it moves above
    :data:`NEGLIGIBLE_MOVE` of them), where the cost is materially below ``value``: by more than ``floor`` and
    :data:`UNFINISHED_DECREMENT` of ``scale`` :math:`+ |\lambda| \|d\|_2^2`, with ``curvature`` :math:`\lambda` (the
    direction's Rayleigh quotient) and :math:`d` that probe's own displacement (the quadratic term it moves through,
    not the longest probe's nor the size of :math:`x`: final46e 46e-1, 46e-10); None where none is: a saddle's, or
    an inflection's, evidence."""
    direction = direction / float(np.max(np.abs(direction)))
    reach, moved = probe_reach(x, direction), direction != 0
    for length in SADDLE_STEPS:
        displacement = length * reach * direction
        margin = max(floor, UNFINISHED_DECREMENT * (scale + abs(curvature) * float(displacement @ displacement)))
        for sign in (1.0, -1.0):
            point = x + sign * displacement
            if not inside(point, bounds) or not moves(x[moved], displacement[moved]):  # final46e 46e-4
                continue
            lower = problem.value_and_grad(point)[0]
            if np.isfinite(lower) and lower < value - margin:
                return length * reach, float(lower)
    return None


#: A saddle's decrease must pass this many times the gap a gradient leaves above a valley of minima
#: (:func:`valley_gap`, final45a 45a-8).
VALLEY_MARGIN = 4.0


def saddle_margin(lowest: float, largest: float, scale: float, value: float, gap: float) -> tuple:
    r"""``(scale, floor, curvature)`` for :func:`lower_along` along a direction of negative curvature ``lowest``
    (its Rayleigh quotient; ``largest``: the largest |eigenvalue|) at a point of cost ``value`` (J).  A clear one
    is measured at the end point, not from the start's ``scale`` nor by an added constant (final43c F43c-3):
    :data:`UNFINISHED_DECREMENT` of the quadratic term :math:`|\lambda| \|d\|^2` over each probe (not the largest
    curvature: a stiff unrelated direction hid one, final45a 45a-4), above rounding (:data:`FLAT_ROUNDING`
    :math:`|J|`) and :data:`VALLEY_MARGIN` times the ``gap`` above a valley of minima.  A faint one
    (:data:`FAINT_CURVATURE`) keeps :data:`UNFINISHED_DECREMENT` of ``scale``."""
    if abs(lowest) < FAINT_CURVATURE * largest:
        return scale, 0.0, 0.0
    return 0.0, max(VALLEY_MARGIN * gap, FLAT_ROUNDING * abs(value)), lowest


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
                              bounds: list | None = None, floor: float = 0.0,
                              margin_curvature: float = 0.0) -> tuple[float, float] | None:
    r"""``(length, cost)`` as :func:`lower_along`, probed from the critical point along ``direction`` :math:`v`, whose
    Rayleigh quotient :math:`v^\top H v / v^\top v` is ``curvature`` (< 0): :math:`x_c = x - s\,v` with
    :math:`s = \nabla J^\top v / (v^\top H v)`, where :math:`\|s v\|_\infty` is within :data:`STATIONARY_DISTANCE` of
    :math:`\max(1, \|x\|_\infty)` (None farther); ``length`` counts the way to :math:`x_c` too; ``margin_curvature``
    is :func:`lower_along`'s ``curvature`` (0: a margin of ``scale`` and ``floor`` alone).  One to ten evaluations of
    the cost."""
    shift = float(gradient @ direction) / (curvature * float(direction @ direction)) * direction
    moved = float(np.max(np.abs(shift), initial=0.0))
    if moved > STATIONARY_DISTANCE * max(1.0, float(np.max(np.abs(x), initial=0.0))):
        return None
    lower = lower_along(problem, x - shift, value, scale, direction, bounds, margin_curvature, floor)
    return None if lower is None else (lower[0] + moved, lower[1])


def valley_gap(gradient: np.ndarray, product) -> float:
    r"""How far above a valley of minima the gradient alone may put a point: :math:`\|g\|^2 / (2\mu)`, the gap of a
    quadratic across the valley with the curvature :math:`\mu = g^\top H g / g^\top g` along the gradient
    (``product``: :math:`p \mapsto Hp`); 0 where :math:`\mu \le 0` (the gradient points down a slope that curves
    down: no valley).  A loose ``tol`` met just above ``(a**2*b - 2)**2 = 0`` lies that far above its floor, which a
    probe along the valley reaches: no saddle (final45a 45a-8)."""
    size = float(gradient @ gradient)
    if size == 0.0:
        return 0.0
    across = float(gradient @ product(gradient)) / size
    return size / (2 * across) if across > 0 else 0.0


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
