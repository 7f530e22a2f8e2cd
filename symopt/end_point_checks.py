r"""The end of a second-order run read with the exact Hessian :math:`H` (probe50): a point where a gradient test
passed is no minimum where :math:`H` curves down (a saddle), where the cost still falls far along Newton's direction
(no finite minimizer: separation), or where Newton's step predicts a real decrease (a parameter in small units).
:func:`scipy_verdict` adds these to :func:`~symopt.method_checks.scipy_gradient_verdict`; ``method="newton"`` asks
:func:`newton_check` where its own gradient test passes.  ``problem`` is a :class:`~symopt.second_order.Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cost_probes import (CURVATURE_ROUNDING, FLAT_PROBES, NEGLIGIBLE_MOVE, SADDLE_STEPS, UNFINISHED_DECREMENT,
                          inflection_along, inflection_reason, inside, lower_along, lower_near_critical_point,
                          materially_lower, moves, hessian_product, saddle_margin, valley_gap)
from .errors import SymoptError
from .hessian_readings import (CURVATURE_SEARCH_PRODUCTS, DENSE_CHECK_SIZE, NEWTON_STEP_PRODUCTS, Reading,
                               dense_reading, hessian_columns, krylov_reading)
from .method_checks import CURVATURE_CHECK_SIZE, scipy_gradient_verdict
from .newton_point import newton_settled
from .symbols import is_matrix
from .underflow_check import underflow_reason

__all__ = ["scipy_verdict", "newton_check", "Unfinished", "UNFINISHED_DECREMENT", "ESCAPE_PROBE", "ESCAPE_RAY",
           "SLOPE_HALVINGS", "NEGLIGIBLE_MOVE", "SADDLE_STEPS", "CURVATURE_ROUNDING", "DENSE_CHECK_SIZE",
           "NEWTON_STEP_PRODUCTS", "CURVATURE_SEARCH_PRODUCTS", "DENSE_FALLBACK", "FLAT_PROBES", "NEWTON_HALVINGS"]


def scipy_verdict(problem, result, tol, bounds: list | None, start: np.ndarray) -> tuple[str, bool]:
    """:func:`scipy_gradient_verdict`, and where that is a success, :func:`newton_check` at the returned point: a
    saddle, a cost still falling along Newton's direction, or (without a user's ``tol``) a Newton step that lowers the
    cost materially is no success (probe50 P50-1, P50-5, P50-7), each confirmed by evaluating the cost (final40a);
    a rounding stop at Newton's own point is a success whatever the gradient's size (:mod:`symopt.newton_point`)."""
    message, success = scipy_gradient_verdict(problem, result, tol, bounds, start,
                                              settled=lambda x, gradient: newton_settled(problem, x, gradient))
    if not success:
        return message, success
    value, gradient = problem.value_and_grad(result.x)
    start_value, _ = problem.value_and_grad(start)
    unfinished = newton_check(problem, result.x, value, gradient, start_value, bounds,
                              threshold=UNFINISHED_DECREMENT if tol is None else None)
    if unfinished is not None:  # the refusal replaces a rounding verdict, not follows it (final47b 47b-2)
        stopped = message.split(" (converged to rounding")[0]
        return f"{stopped.rstrip('.')}; but {unfinished.reason}", False
    return message, success


#: How many Newton steps out :func:`newton_check` looks for a cost still falling (a minimizer at infinity).
ESCAPE_PROBE = 100.0
#: A bounded search that found no evidence although its Newton step predicts a decrease above this fraction of
#: :math:`|J|` itself is redone with the dense Hessian: a cost falling toward an infimum of 0 (a separated likelihood:
#: Newton predicts about half the cost) escapes only along Newton's exact step, which a few products do not give on
#: so flat and ill-conditioned a Hessian.  A converged fit predicts far less (L-BFGS-B stops at a relative change of
#: 2e-9), so the ordinary run pays only the bounded search.
DENSE_FALLBACK = 1e-3


@dataclass(frozen=True)
class Unfinished:
    """Why a point where the gradient test passed is no minimum: ``reason`` ends a run's message; ``final`` where no
    further Newton step helps (the cost still falls far along Newton's direction: no finite minimizer; or the cost is
    below float64's range: :mod:`symopt.underflow_check`), else a saddle or a far Newton step."""

    reason: str
    final: bool = False


def newton_check(problem, x: np.ndarray, value: float, gradient: np.ndarray, start_value: float,
                 bounds: list | None = None, matrix: np.ndarray | None = None,
                 threshold: float | None = UNFINISHED_DECREMENT, predicted: bool = False,
                 near_critical_only: bool = False) -> Unfinished | None:
    r"""None where the Hessian :math:`H` (over the entries off ``bounds``, at most :data:`CURVATURE_CHECK_SIZE` of
    them) and the cost find no sign that ``x`` is not a minimum; else why not.  Every refusal is evidence, an actual
    cost evaluation at a materially lower point (a decrease above :data:`UNFINISHED_DECREMENT` of
    :math:`\max(|J|, |J_0|)`, after a move above :data:`NEGLIGIBLE_MOVE`): along a direction where :math:`H` curves
    down (:data:`SADDLE_STEPS`, both ways: a saddle, probe50 P50-7); :data:`ESCAPE_PROBE` Newton steps out (the
    minimizer is at infinity: separation, all-zero counts, P50-1); at Newton's point :math:`x - d` (a parameter in
    small units has a small gradient far from its optimum: P50-5), or at :math:`x - d/2^k` where the full step
    overshoots although it predicts a decrease above ``threshold`` of the scale (probe91 P91-1), these only where
    ``threshold`` is not None (no user's tol).  ``predicted`` (Newton's own continuation, not a refusal) reads the
    last test from the predicted decrease :math:`\nabla J^\top d / 2` above ``threshold`` of the scale instead.
    ``near_critical_only`` (a first-order run's ``tol`` stop, :mod:`symopt.first_order_verdicts`) calls a saddle only
    where the critical point along the direction of negative curvature is near ``x``
    (:func:`~symopt.cost_probes.lower_near_critical_point`): a loose ``tol`` met on a slope is the user's precision.

    :math:`H` is the ``matrix`` a method already has (Newton's), else products :math:`Hp`: the compiled
    Hessian-vector product where the method compiled one (Newton-CG, trust-ncg), else central differences of the
    compiled gradient (two gradient calls a product): never a symbolic Hessian built for the check (final40a F40a-1).
    Up to :data:`DENSE_CHECK_SIZE` entries the dense matrix by columns; past that a bounded search of
    :data:`NEWTON_STEP_PRODUCTS` + :data:`CURVATURE_SEARCH_PRODUCTS` products (:func:`krylov_reading`), read densely
    after all where its Newton step predicts a decrease above :data:`DENSE_FALLBACK` of :math:`|J|`.  A Hessian
    symopt cannot form, or not finite, is no evidence (None).  First of all, a cost whose scale is below float64's
    smallest normal number and underflowed at ``x`` is no minimum whatever the Hessian says
    (:func:`~symopt.underflow_check.underflow_reason`)."""
    underflow = underflow_reason(problem, x, value, start_value)
    if underflow is not None:
        return Unfinished(underflow, final=True)
    inside = [(low is None or x[index] > low) and (high is None or x[index] < high)
              for index, (low, high) in enumerate(bounds or [(None, None)] * x.size)]
    free = [index for index, ok in enumerate(inside) if ok]
    if not free or x.size > CURVATURE_CHECK_SIZE:
        return None
    product = (lambda direction: matrix @ direction) if matrix is not None else hessian_product(problem, x)
    check = _Check(problem, x, value, gradient, max(abs(value), abs(start_value)), bounds, threshold, predicted,
                   near_critical_only, product)
    try:
        if matrix is not None or len(free) <= DENSE_CHECK_SIZE:
            dense = matrix if matrix is not None else hessian_columns(product, x.size, free)
            return check.verdict(dense_reading(dense, gradient, free))
        reading = krylov_reading(product, x, gradient, free)
        found = check.verdict(reading)
        if found is None and reading is not None and reading.curving_down is None and \
                reading.decrease > DENSE_FALLBACK * abs(value):
            return check.verdict(dense_reading(hessian_columns(product, x.size, free), gradient, free))
        return found
    except SymoptError:
        return None


@dataclass
class _Check:
    """:func:`newton_check`'s tests on one reading of the Hessian, each confirmed by evaluating the cost."""

    problem: object
    x: np.ndarray
    value: float
    gradient: np.ndarray
    scale: float
    bounds: list | None
    threshold: float | None
    predicted: bool
    near_critical_only: bool = False
    #: ``p -> H p`` at :attr:`x` (:func:`~symopt.cost_probes.hessian_product`).
    product: object = None

    def material(self, lower: float) -> bool:
        return materially_lower(lower, self.value, self.scale)

    def moves(self, step: np.ndarray) -> bool:
        return moves(self.x, step)

    def inside(self, point: np.ndarray) -> bool:
        return inside(point, self.bounds)

    def verdict(self, reading: Reading | None) -> Unfinished | None:
        if reading is None:
            return None
        if reading.curving_down is not None:
            return self.saddle(reading)
        lower = inflection_along(self.problem, self.x, self.value, self.scale, self.gradient, reading.flat,
                                 reading.curvature, self.bounds)
        if lower is not None:
            return Unfinished(inflection_reason(self.gradient, self.value, lower, reading.words()), final=True)
        if reading.step is None:
            return None
        step, decrease, x, value = reading.step, reading.decrease, self.x, self.value
        if not self.inside(x - step) or not self.moves(step):
            return None  # Newton's point leaves the box, or is x itself to rounding (a restart from an exact fit)
        moving = int(np.argmax(np.abs(step)))
        if self.bounds is None and decrease > 64 * np.finfo(float).eps * abs(value):
            far = self.problem.value_and_grad(x - ESCAPE_PROBE * step)[0]
            if far < value - decrease / 2 and self.still_falling(step):
                owner = [p for p, shape in zip(self.problem.parameters, self.problem.shapes)
                         for _ in range(int(np.prod(shape)))][moving]
                penalty = f"1e-3 * ops.sum(ops.square({owner}))" if is_matrix(owner) else f"1e-3 * {owner}**2"
                return Unfinished(
                    f"the cost is still falling: {ESCAPE_PROBE:g} Newton steps further out "
                    f"({self.problem.entry_names()[moving]} "
                    f"{x[moving]:.4g} → {x[moving] - ESCAPE_PROBE * step[moving]:.4g}) it is {far:.6g}, below its "
                    f"{value:.6g} here{self.escape_words(reading)}. In a likelihood this is separation (a "
                    "variable that splits the outcomes perfectly, or a group with all-zero counts): the estimates run "
                    "off and their standard errors mean nothing. Remove or merge the separating variable, add a "
                    f"penalty such as {penalty} to the cost, or bound the parameters (method='lbfgs' with bounds=)",
                    final=True)
        if self.threshold is None:
            return None  # the user's tol= holds: a far step is the precision they chose (final40a F40a-7)
        if self.predicted:
            if decrease > self.threshold * self.scale:
                return Unfinished(f"Newton's step predicts a further decrease of {decrease:.3g}")
            return None
        found = self.lower_toward_newton(step, decrease)
        if found is None:
            return None
        newton, where = found
        return Unfinished(
            f"Newton's step from there (H⁻¹∇J, {self.problem.entry_names()[moving]} by {-step[moving]:.4g}) "
            "predicts a further decrease of "
            f"{'at least ' if reading.bounded else ''}{decrease:.3g} on a cost of {value:.6g}, and the cost {where} is "
            f"{newton:.6g}, lower by {value - newton:.3g} (above {UNFINISHED_DECREMENT:g} of the cost's scale "
            f"{self.scale:.3g}): it stopped before its minimum. A gradient test is absolute, and a parameter in small "
            "units has a small gradient far from its optimum. Rescale the data (standardize the covariates), run "
            "method='newton', or pass a smaller tol=")

    def lower_toward_newton(self, step: np.ndarray, decrease: float) -> tuple[float, str] | None:
        r"""The cost at Newton's point :math:`x - d` and the words for where, if it is materially lower; else, where
        Newton's predicted ``decrease`` is itself above :attr:`threshold` of the scale, the cost at the first of
        :math:`x - d/2, \dots, x - d/2^k` (:data:`NEWTON_HALVINGS`, each a move) that is: a full step that
        overshoots a steep cost (an exp link's: a scaled Poisson likelihood at its start, probe91 P91-1) hides no
        decrease its own line search would find.  None where none is."""
        full = self.problem.value_and_grad(self.x - step)[0]
        if self.material(full):
            return full, "there"
        if not decrease > self.threshold * self.scale:
            return None  # a converged fit's step predicts too little to look along it
        for halving in range(1, NEWTON_HALVINGS + 1):
            fraction = 0.5 ** halving
            if not self.moves(fraction * step):
                return None
            cost = self.problem.value_and_grad(self.x - fraction * step)[0]
            if self.material(cost):
                return cost, f"at 1/{2 ** halving} of that step (the full step overshoots to {full:.6g})"
        return None

    def saddle(self, reading: Reading) -> Unfinished | None:
        """A saddle only where the cost, a few step lengths both ways along the direction of negative curvature, is
        materially lower (a symmetry's flat valley is not: final40a F40a-3); with :attr:`near_critical_only`, from
        the critical point along it, where that is near; "materially" as :func:`~symopt.cost_probes.saddle_margin`
        says (at the end point, F43c-3)."""
        gap = valley_gap(self.gradient, self.product) if self.product is not None else 0.0
        scale, floor, curvature = saddle_margin(reading.lowest, reading.curvature, self.scale, self.value, gap)
        if self.near_critical_only:
            lower = lower_near_critical_point(self.problem, self.x, self.value, scale, self.gradient,
                                              reading.direction, reading.lowest, self.bounds, floor, curvature)
        else:
            lower = lower_along(self.problem, self.x, self.value, scale, reading.direction, self.bounds,
                                curvature, floor)
        if lower is None or (self.near_critical_only and not self.beats_the_slope(*lower)):
            return None
        length, cost = lower
        return Unfinished(f"the largest |gradient| is {np.max(np.abs(self.gradient)):.3g} at the point it returned, a "
                          f"step of {length:.3g} from it lowers the cost from {self.value:.6g} to {cost:.6g}, "
                          f"{reading.curving_down}")


    def beats_the_slope(self, length: float, cost: float) -> bool:
        r"""Whether ``cost``, ``length`` away along negative curvature, is below the gradient's ray within that
        distance (:math:`\|\cdot\|_\infty`, ``length`` halved :data:`SLOPE_HALVINGS` times): a saddle lowers it,
        not a slope.  Above a valley of minima (``(a*b - 1)**2`` at a = b = 1.007, final43c F43c-1) it does not."""
        slope = float(np.max(np.abs(self.gradient), initial=0.0))
        if slope == 0.0:
            return True
        for halving in range(SLOPE_HALVINGS + 1):
            downhill = self.problem.value_and_grad(self.x - length / 2 ** halving * self.gradient / slope)[0]
            if np.isfinite(downhill) and downhill <= cost:
                return False
        return True

    def escape_words(self, reading: Reading) -> str:
        """Why the gradient test passed on the way to infinity: a method's default test because the gradient
        underflows on so flat a Hessian; a first-order run's ``tol`` because it was met on the way, the gradient
        shrinking as the cost flattens, nothing underflowing (final43c F43c-9)."""
        if self.near_critical_only:
            return (f", and lower at 3, 10 and 30 Newton steps too ({reading.words()}): the cost has no finite "
                    "minimizer, its infimum lies at infinity, and the gradient test (tol) held on the way there, "
                    "where the gradient shrinks as the cost flattens")
        return (f", and the Hessian is nearly flat ({reading.words()}): the cost has no finite minimizer, its infimum "
                "lies at infinity and the gradient test passed only because the gradient underflows on the way there")

    def still_falling(self, step: np.ndarray) -> bool:
        """Whether the cost is below the point's at every shorter probe out along Newton's direction
        (:data:`ESCAPE_RAY` steps): where the quadratic model holds, 3 Newton steps rise by 3 times the predicted
        decrease, so a stop beside a local minimum whose :data:`ESCAPE_PROBE` probe lands in another basin (a tilted
        quartic; a first-order ``tol`` stop or a ``method=`` run's) is no cost falling to infinity (F43c-13)."""
        return all(self.problem.value_and_grad(self.x - multiple * step)[0] < self.value for multiple in ESCAPE_RAY)


#: How many times :meth:`_Check.beats_the_slope` halves the gradient's step: a valley of minima nearer than the
#: saddle's probe is met on the way (a step of the probe's length down the gradient may overshoot it).
SLOPE_HALVINGS = 10
#: How many times :meth:`_Check.lower_toward_newton` halves a Newton step that overshoots (down to :math:`d/64`).
NEWTON_HALVINGS = 6
#: The shorter probes along Newton's direction where the cost must be lower too, besides
#: :data:`ESCAPE_PROBE` (:meth:`_Check.still_falling`).
ESCAPE_RAY = (3.0, 10.0, 30.0)
