r"""The checks of a second-order run that need its problem: SciPy's verdict read by the gradient, and the
definiteness of Newton's Hessian :math:`H` (indefinite or singular: a typed error naming the eigenvalues and, for a
singular one, the flat direction).  ``bounds=`` as SciPy's per-entry pairs are :mod:`symopt.bound_pairs`'
(imported here as before).  ``problem`` is a :class:`~symopt.second_order.Problem`.
"""

from __future__ import annotations

import numpy as np
import sympy

from . import functions
from .bound_pairs import bound_pair, clipped_start, scipy_bounds
from .errors import IndefiniteHessianError, SingularHessianError, SymoptError
from .rounding_stops import ROUNDING_STOPS, UNRESOLVED_STOPS, decrease_below_rounding
from .symbols import is_matrix
from .traversal import unique_nodes

__all__ = ["few_eigenvalues", "scipy_bounds", "bound_pair", "clipped_start", "projected_gradient",
           "scipy_gradient_verdict", "negative_curvature", "not_a_minimum", "curving_down", "UNFINISHED_GRADIENT",
           "not_positive_definite", "flat_direction", "NEWTON_CG_STUCK", "LBFGSB_ABNORMAL", "ROUNDING_STOPS",
           "KINK_STEPS", "KINK_NODES", "has_kink_node", "kinked", "kink_words"]


def projected_gradient(x: np.ndarray, gradient: np.ndarray, bounds: list | None) -> np.ndarray:
    """``gradient`` projected onto the box ``bounds`` (SciPy's per-entry pairs, ``None`` = no box): an entry at its
    bound whose descent direction points out of the box counts 0 (a minimum on the bound: the KKT conditions);
    a copy, ``gradient`` is unchanged."""
    projected = np.array(gradient, dtype=float)
    for index, (low, high) in enumerate(bounds or []):
        if (low is not None and x[index] <= low and projected[index] > 0) or \
                (high is not None and x[index] >= high and projected[index] < 0):
            projected[index] = 0.0
    return projected


#: symopt's words for Newton-CG under a user's ``tol`` ended by SciPy itself, on a step below ``xtol = 1e-15`` or a
#: line search that found no lower cost ("precision loss"): the point stopped changing at rounding (final41b F41b-2).
NEWTON_CG_STUCK = "its steps stopped changing the point"
#: symopt's words for L-BFGS-B's "ABNORMAL" stop, to which SciPy (1.15 on) appends no reason: its last line search
#: found no lower cost along its direction, at rounding near a minimum or at a kink (probe66 P66-3).
LBFGSB_ABNORMAL = "ABNORMAL: its line search found no lower cost along its direction"
#: The messages of a method whose cost or point stopped changing at machine precision: L-BFGS-B's (ftol = 1e-15 with
#: tol given, or a line search that found no lower cost), Newton-CG's, BFGS's and trust-ncg's.
ROUNDING_MESSAGES = ("RELATIVE REDUCTION OF F", LBFGSB_ABNORMAL, NEWTON_CG_STUCK, *UNRESOLVED_STOPS)
#: An end whose largest (projected) gradient entry exceeds this times :math:`\max(1, |J|)` is not a minimum the method
#: found but where it gave up: after a trial point with a non-finite cost (:class:`~symopt.method_recorder.Recorder`),
#: or where L-BFGS-B's cost stopped changing (:func:`scipy_verdict`).
UNFINISHED_GRADIENT = 1e-3


def scipy_gradient_verdict(problem, result, tol, bounds: list | None, start: np.ndarray,
                           settled=None) -> tuple[str, bool]:
    """``(message, success)`` of SciPy's ``result``, by symopt's test whatever SciPy stopped on: with ``tol``, every
    entry of the gradient projected onto ``bounds`` within it (or the method's cost or point stopped changing at
    rounding, :data:`ROUNDING_MESSAGES`, said so); a claimed success far from a minimum (a projected gradient above
    :data:`UNFINISHED_GRADIENT`
    :math:`\\cdot \\max(1, |J|)`) is no success, with or without ``tol``: L-BFGS-B's cost that stopped changing, or
    a method that stopped where it started (``start``) or where the cost has no curvature along the gradient
    (:func:`_uncurved`), as Newton-CG does (``w**4/4 - w`` at ``w = 0``; a linear cost: probe41 P41-2).  A method
    that moved and stopped on its own test where the cost curves up (Newton-CG's step below ``xtol`` near the
    minimum of a badly scaled cost) keeps SciPy's verdict without ``tol`` (final38a F38a-1).  ``settled(x, gradient)``
    (:func:`~symopt.newton_point.newton_settled`, None: not asked), without ``bounds``, turns a rounding stop's
    "gave up" or "still lowers the cost" into "converged to rounding" where it gives words: the point is Newton's own,
    the gradient large only by the cost's terms (an exact fit of prices: probe91 P91-2, P91-3)."""
    message, success = f"{result.message}", bool(result.success)
    if not success:
        return message, success
    rounding = any(words in message for words in ROUNDING_MESSAGES)
    value, gradient = problem.value_and_grad(result.x)
    largest = float(np.max(np.abs(projected_gradient(result.x, gradient, bounds)), initial=0.0))
    projected = " projected onto bounds=" if bounds is not None else ""
    newton = (lambda: None) if settled is None or bounds is not None else lambda: settled(result.x, gradient)
    if any(words in message for words in UNRESOLVED_STOPS) and \
            not decrease_below_rounding(problem, result.x, value, gradient):  # no rounding: SciPy's failure stands
        words = newton()
        if words is None:
            return f"{message}; but a step down the gradient still lowers the cost beyond its rounding", False
        return f"{message} (converged to rounding: the largest |gradient| is {largest:.3g}, and {words})", True
    if largest > UNFINISHED_GRADIENT * max(1.0, abs(value)):
        lbfgs_rounding = rounding and NEWTON_CG_STUCK not in message  # Newton-CG's stuck point may have a reason
        uncurved = "the cost has no curvature along the gradient there, and"
        where = None if lbfgs_rounding else "it stopped where it started, and" if np.array_equal(result.x, start) else \
            uncurved if _uncurved(problem, result.x, gradient) else None
        if (rounding or where is not None) and kinked(problem, result.x, value, gradient, bounds):
            return f"{message.rstrip('.')}; but {kink_words(largest, projected)}", False
        words = newton() if rounding and where is None else None
        if words is not None:
            return (f"{message} (converged to rounding: the largest |gradient| is {largest:.3g}, but {words}; the "
                    "gradient is large only by the size of the cost's terms)"), True
        if rounding and where is None:
            return (f"{message}; but the largest |gradient|{projected} is {largest:.3g} there: the cost stopped "
                    f"changing at no minimum (the method gave up). Run again from result.params"
                    f"{_one_sided_advice(bounds)}"), False
        if where is not None:
            return (f"{message.rstrip('.')}; but {where} the largest |gradient|{projected} is {largest:.3g} there, "
                    f"not near 0: SciPy claimed success at no minimum (Newton-CG stops so where the Hessian has no "
                    "curvature along the gradient, as w**4/4 - w at w = 0). Check that the cost is bounded below (a "
                    "linear cost has no minimum), then start elsewhere or use method='trust-ncg' or 'lbfgs'"), False
    if tol is not None and largest > tol:
        above = f"the largest |gradient|{projected} is {largest:.3g} > tol = {tol:g}"
        if rounding:
            return f"{message} (converged to rounding: {above})", True
        return f"{message.rstrip('.')}; but {above}", False
    if np.array_equal(result.x, start):
        eigenvalues = _free_eigenvalues(problem, result.x, bounds, gradient)
        if eigenvalues is not None and negative_curvature(eigenvalues):
            return (f"{message.rstrip('.')}; but it stopped where it started, where the largest |gradient|{projected} "
                    f"is {largest:.3g}, {not_a_minimum(eigenvalues)}"), False
    if tol is None and rounding and "RELATIVE REDUCTION OF F" not in message:  # a stop, not SciPy's own test
        return f"{message} (converged to rounding: the largest |gradient|{projected} is {largest:.3g})", True
    return message, success


#: The most entries whose dense Hessian :func:`_free_eigenvalues` forms (at most that many Hessian-vector products).
CURVATURE_CHECK_SIZE = 200


def _free_eigenvalues(problem, x: np.ndarray, bounds: list | None, gradient: np.ndarray) -> np.ndarray | None:
    """The Hessian's eigenvalues at ``x``, ascending, over the entries not on a bound (a concave cost's minimum on a
    corner of the box curves down and is one), with the curvature :math:`H_{ii}` of each entry on a bound whose
    gradient is 0 (a step into the box along it alone is feasible and lowers the cost where :math:`H_{ii} < 0`:
    the double well from 0 with ``bounds=(0, None)``, final39a F39a-1); None where nothing is free, where the Hessian
    is not finite or symopt cannot form it, or past :data:`CURVATURE_CHECK_SIZE` entries (not checked)."""
    inside = [(low is None or x[index] > low) and (high is None or x[index] < high)
              for index, (low, high) in enumerate(bounds or [(None, None)] * x.size)]
    free = [index for index, ok in enumerate(inside) if ok]
    flat = [index for index, ok in enumerate(inside) if not ok and np.ravel(gradient)[index] == 0]
    if not (free or flat) or x.size > CURVATURE_CHECK_SIZE:
        return None
    try:
        matrix = np.asarray(problem.hess(x), dtype=float)
    except SymoptError:
        return None
    if not np.all(np.isfinite(matrix)):
        return None
    block = matrix[np.ix_(free, free)]
    found = np.linalg.eigvalsh((block + block.T) / 2) if free else np.zeros(0)
    return np.sort(np.concatenate([found, np.diag(matrix)[flat]]))


def negative_curvature(eigenvalues: np.ndarray) -> bool:
    r"""Whether ascending ``eigenvalues`` of a Hessian have a negative one beyond rounding
    (:math:`\lambda_{\min} < -n\,\epsilon \max|\lambda|`): a saddle or a maximum, where no gradient-descent step is
    stable."""
    scale = float(np.max(np.abs(eigenvalues), initial=0.0))
    return bool(eigenvalues[0] < -len(eigenvalues) * np.finfo(float).eps * scale)


def not_a_minimum(eigenvalues: np.ndarray) -> str:
    """The end of a verdict at a start where ascending ``eigenvalues`` have a negative one: a maximum or a saddle."""
    negative = int(np.sum(eigenvalues < 0))
    count = f", {negative} of {len(eigenvalues)} negative" if len(eigenvalues) > 1 else ""
    return curving_down(f"its smallest eigenvalue {eigenvalues[0]:.4g}{count}")


def few_eigenvalues(eigenvalues: np.ndarray) -> str:
    """Ascending ``eigenvalues`` for a message, on one line: all of up to 4, else the smallest 3 and the largest
    (final40a F40a-11: 60 eigenvalues wrapped onto 9 lines inside one sentence)."""
    eigenvalues = np.asarray(eigenvalues, dtype=float)
    if len(eigenvalues) <= 4:
        return np.array2string(eigenvalues, precision=4)
    few = ", ".join(f"{value:.4g}" for value in eigenvalues[:3])
    return f"the smallest {few} of {len(eigenvalues)}, the largest {eigenvalues[-1]:.4g}"


def curving_down(evidence: str) -> str:
    """The end of a verdict where the Hessian has a negative curvature, ``evidence`` saying which."""
    return (f"and the Hessian curves down there ({evidence}): a maximum or a saddle point, not a minimum. Start "
            "elsewhere (a symmetric cost's start at 0 is often such a point), or check that the cost is minimized: "
            "to maximize U, minimize -U")


def _uncurved(problem, x: np.ndarray, gradient: np.ndarray) -> bool:
    r"""Whether the cost has no curvature along the gradient at ``x`` to stop on: the curvature
    :math:`c = g^\top H g / g^\top g` so small (or negative) that Newton's step along it, :math:`\|g\|/c`, is past
    :math:`10^8 \max(1, \|x\|_\infty)` (a flat or descending direction, where Newton-CG stops: ``w*x + (x - 1)**2``
    at ``(0, 1)``, ``w**4/4 - w`` at ``w = 0``: final38b F38b-1).  A Hessian symopt cannot form keeps SciPy's
    verdict."""
    try:
        product = np.asarray(problem.hessp(x, gradient), dtype=float)
    except SymoptError:
        return False
    curvature = float(gradient @ product) / float(gradient @ gradient)
    return curvature * 1e8 * max(1.0, float(np.max(np.abs(x), initial=0.0))) <= float(np.linalg.norm(gradient))


#: The step lengths, in units of :math:`\max(1, \|x\|_\infty)`, at which :func:`kinked` probes the cost down the
#: gradient: so short that a smooth cost falls there as its gradient says (by about :math:`h \|\nabla J\|_\infty`).
KINK_STEPS = (1e-9, 1e-7, 1e-5)


#: The nodes where a cost can have a kink, besides a power :math:`u^p` with :math:`0 < p < 1` where :math:`u = 0`
#: (a norm's apex, ``sqrt(x**2 + y**2)`` at 0): a cost without one is smooth, and its gradient is its slope.
KINK_NODES = (sympy.Piecewise, sympy.Abs, sympy.Max, sympy.Min, sympy.sign, sympy.Heaviside, sympy.floor,
              sympy.ceiling, functions.relu, functions.leaky_relu, functions.step)


def has_kink_node(expression) -> bool:
    """Whether ``expression`` holds one of :data:`KINK_NODES` or a power of exponent strictly between 0 and 1."""
    return any(isinstance(node, KINK_NODES) or (isinstance(node, sympy.Pow) and node.exp.is_number
                                                 and bool(0 < node.exp < 1))
               for node in unique_nodes([expression]))


def kinked(problem, x: np.ndarray, value: float, gradient: np.ndarray, bounds: list | None = None) -> bool:
    r"""Whether the cost at ``x`` (``value``) does not fall at any of :data:`KINK_STEPS` down the ``gradient``
    (projected onto ``bounds``; inside the box): the gradient is then no slope of the cost but the one-sided slope of a
    kink, the branch a ``Piecewise``, ``Abs``, ``Max`` or ``relu`` takes at its switch (``-2*x`` for ``x <= 0``
    gives -2 at 0 where the cost rises both ways): probe66 P66-6, P66-1.  Three evaluations of the cost.  Never
    where the cost has none of :data:`KINK_NODES`: a smooth cost of curvature 1e15 (least squares with a covariate
    in dollars, at its solution) rises at every probe too, its gradient rounding's (final43c F43c-4)."""
    if not has_kink_node(problem.cost):
        return False
    descent = -projected_gradient(x, gradient, bounds)
    size = float(np.max(np.abs(descent), initial=0.0))
    if size == 0.0 or not np.isfinite(size):
        return False
    reach = max(1.0, float(np.max(np.abs(x), initial=0.0)))
    for length in KINK_STEPS:
        point = x + length * reach * descent / size
        if bounds is not None and clipped_start(point, bounds).tolist() != point.tolist():
            return False
        if not problem.value_and_grad(point)[0] >= value:
            return False  # it falls (or is not a number there): the gradient is the cost's slope
    return True


def kink_words(largest: float, projected: str = "") -> str:
    """The end of a verdict at a kink (:func:`kinked`), where the largest |gradient| entry is ``largest``."""
    return (f"the largest |gradient|{projected} is {largest:.3g} there, yet the cost does not fall down the gradient "
            f"(a step of {KINK_STEPS[0]:g} to {KINK_STEPS[-1]:g} does not lower it): the point is a kink, where the "
            "gradient is the one-sided slope of the branch a Piecewise, Abs, Max or relu takes at its switch (or of a "
            "root at 0: a norm's apex), so no "
            "gradient test can tell whether it is a minimum. It is a minimum of the nonsmooth cost only where the cost "
            "rises along every direction from it, and a descent direction may mix entries (at a tie of Max branches "
            "each entry alone rises both ways), so no check entry by entry settles it: minimize again from nearby "
            "starts, or smooth the cost (softplus for relu, sqrt(x**2 + 1e-12) for Abs) and let the gradient test "
            "decide")


def _one_sided_advice(bounds: list | None) -> str:
    """SciPy's L-BFGS-B (1.15 on) can stop early with a bound on one side only: advice naming the first such bound."""
    for low, high in bounds or []:
        if (low is None) != (high is None):
            given = f"(None, {high:g})" if low is None else f"({low:g}, None)"
            finite = f"({high - 1e6:.10g}, {high:g})" if low is None else f"({low:g}, {low + 1e6:.10g})"
            return (f", or give each one-sided bound a finite other side ({finite} for {given}): SciPy's L-BFGS-B can "
                    "stop early with a bound on one side only")
    return ""


def not_positive_definite(problem, matrix: np.ndarray, step: int) -> IndefiniteHessianError | None:
    r"""None when :math:`H \succ 0`; else the error naming its eigenvalues: a
    :class:`~symopt.errors.SingularHessianError` with the flat direction when the smallest is 0 to rounding, else an
    indefinite Hessian.  Judged on :math:`S = D^{-1/2} H D^{-1/2}` (:math:`D` = diag :math:`H`), which has the signs of
    :math:`H`'s eigenvalues but not the spread of the features' scales: :math:`H \succ 0` when its Cholesky pivots
    exceed :math:`n\,\epsilon` (NumPy's rank tolerance), singular when its smallest eigenvalue is within
    :math:`n\,\epsilon\,\lambda_{\max}(S)` of 0; the flat direction is :math:`D^{-1/2} v_{\min}`."""
    size = matrix.shape[0]
    diagonal = np.diag(matrix)
    scale = 1.0 / np.sqrt(np.where(diagonal > 0, diagonal, 1.0))
    scaled = matrix * scale[:, None] * scale[None, :]
    try:
        if np.min(np.diag(np.linalg.cholesky(scaled)) ** 2) > size * np.finfo(float).eps:
            return None
    except np.linalg.LinAlgError:
        pass
    eigenvalues, vectors = np.linalg.eigh(scaled)
    rounding = size * np.finfo(float).eps * max(np.max(np.abs(eigenvalues)), np.finfo(float).tiny)
    if eigenvalues[0] > rounding:
        return None
    shown = few_eigenvalues(np.linalg.eigvalsh(matrix))
    if eigenvalues[0] >= -rounding:
        direction = flat_direction(scale * vectors[:, 0], problem.entry_names())
        owners = [p for p, shape in zip(problem.parameters, problem.shapes) for _ in range(int(np.prod(shape)))]
        owner = owners[int(np.argmax(np.abs(vectors[:, 0])))]
        penalty = f"1e-3 * ops.sum(ops.square({owner}))" if is_matrix(owner) else f"1e-3 * {owner}**2"
        several = " + " in direction or " - " in direction
        cause = ("Two parameters doing one job do this (a duplicated feature column, or a constant one beside a "
                 "bias: the dummy-variable trap): drop the redundant column" if several else
                 "An all-zero feature column does this, or a point where the cost has no curvature: drop that column "
                 "or start elsewhere")
        return SingularHessianError(
            f"method='newton' expects a positive definite Hessian; given one that is singular at iteration {step} "
            f"(eigenvalues {shown}; the smallest is 0 to rounding): the cost is flat along {direction}, so Newton's "
            f"step H⁻¹∇J is not defined. {cause}, add a penalty such as {penalty} to the cost, or use "
            "method='lbfgs' (it inverts no Hessian).")
    return IndefiniteHessianError(
        f"the Hessian at iteration {step} is not positive definite (eigenvalues {shown}): Newton's step would not "
        "go downhill. Start closer to a minimum, or use method='trust-ncg' (handles negative curvature) or 'lbfgs'.")


def flat_direction(vector: np.ndarray, names: list[str]) -> str:
    """A direction as a combination of parameter entries, the largest coefficient of size 1 and the first positive:
    ``W[0, 0] - W[2, 0]`` (entries below 5% of the largest left out)."""
    scaled = vector / np.max(np.abs(vector))
    shown = [(coefficient, name) for coefficient, name in zip(scaled, names) if abs(coefficient) >= 0.05]
    sign = 1.0 if shown[0][0] > 0 else -1.0
    terms = []
    for index, (coefficient, name) in enumerate(shown):
        coefficient *= sign
        size = "" if abs(abs(coefficient) - 1) < 1e-3 else f"{abs(coefficient):.3g}·"
        terms.append(("" if index == 0 else " - " if coefficient < 0 else " + ") + size + name)
    return "".join(terms)

