r"""The end of a second-order run read with the exact Hessian :math:`H` (probe50): a point where a gradient test
passed is no minimum where :math:`H` curves down (a saddle), where the cost still falls far along Newton's direction
(no finite minimizer: separation), or where Newton's step predicts a real decrease (a parameter in small units).
:func:`scipy_verdict` adds these to :func:`~symopt.method_checks.scipy_gradient_verdict`; ``method="newton"`` asks
:func:`newton_check` where its own gradient test passes.  ``problem`` is a :class:`~symopt.second_order.Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import SymoptError
from .method_checks import CURVATURE_CHECK_SIZE, clipped_start, curving_down, not_a_minimum, scipy_gradient_verdict
from .symbols import is_matrix

__all__ = ["scipy_verdict", "newton_check", "Unfinished", "UNFINISHED_DECREMENT", "ESCAPE_PROBE",
           "CURVATURE_ROUNDING", "DENSE_CHECK_SIZE", "NEWTON_STEP_PRODUCTS", "CURVATURE_SEARCH_PRODUCTS",
           "DENSE_FALLBACK"]


def scipy_verdict(problem, result, tol, bounds: list | None, start: np.ndarray) -> tuple[str, bool]:
    """:func:`scipy_gradient_verdict`, and where that is a success, :func:`newton_check` at the returned point: a saddle,
    a cost still falling along Newton's direction, or a Newton step predicting a real decrease is no success
    (probe50 P50-1, P50-5, P50-7)."""
    message, success = scipy_gradient_verdict(problem, result, tol, bounds, start)
    if not success:
        return message, success
    value, gradient = problem.value_and_grad(result.x)
    start_value, _ = problem.value_and_grad(start)
    unfinished = newton_check(problem, result.x, value, gradient, start_value, bounds)
    if unfinished is not None:
        return f"{message.rstrip('.')}; but {unfinished.reason}", False
    return message, success


#: A claimed minimum where Newton's step :math:`d = H^{-1}\nabla J` predicts a further decrease
#: :math:`\nabla J^\top d / 2` (half the Newton decrement squared) above this fraction of the cost's scale
#: :math:`\max(|J|, |J(\text{start})|)` is refused: a test that reads neither the parameters' units nor the cost's.
UNFINISHED_DECREMENT = 1e-6
#: How many Newton steps out :func:`newton_check` looks for a cost still falling (a minimizer at infinity).
ESCAPE_PROBE = 100.0
#: Eigenvalues of the Hessian below this fraction of its largest are read as curving down (a saddle) when negative:
#: the Hessian of a point where a method stopped, not of the minimum.  Past :data:`DENSE_CHECK_SIZE` entries the
#: same fraction of the largest curvature the products met (:func:`_krylov_reading`).
CURVATURE_ROUNDING = 1e-8
#: Up to this many entries, or wherever symopt compiles the Hessian as a matrix (scalar parameters, a vector's linear
#: or quadratic model), the check forms the dense Hessian and reads its eigenvalues: exact.
DENSE_CHECK_SIZE = 20
#: Past :data:`DENSE_CHECK_SIZE` entries of a Hessian symopt applies only as products (a logistic loss's vector), the
#: most Hessian-vector products conjugate gradients spends on Newton's step :math:`H d = \nabla J`: a bounded search
#: (a run that took a dozen gradient evaluations pays about as many again), never :math:`n` products.
NEWTON_STEP_PRODUCTS = 12
#: ... and the most a Lanczos search from a fixed pseudo-random direction spends looking for negative curvature the
#: gradient's own Krylov space cannot see (a run along a symmetric subspace has no gradient across it).
CURVATURE_SEARCH_PRODUCTS = 8
#: A bounded search that found no evidence although its Newton step predicts a decrease above this fraction of
#: :math:`|J|` itself is redone with the dense Hessian: a cost falling toward an infimum of 0 (a separated likelihood:
#: Newton predicts about half the cost) escapes only along Newton's exact step, which a few products do not give on
#: so flat and ill-conditioned a Hessian.  A converged fit predicts far less (L-BFGS-B stops at a relative change of
#: 2e-9), so the ordinary run pays only the bounded search.
DENSE_FALLBACK = 1e-3


@dataclass(frozen=True)
class Unfinished:
    """Why a point where the gradient test passed is no minimum: ``reason`` ends a run's message; ``escaping`` when
    the cost still falls far along Newton's direction (no finite minimizer), else a saddle or a far Newton step."""

    reason: str
    escaping: bool = False


@dataclass(frozen=True)
class _Reading:
    """What the Hessian says at a point: ``curving_down`` (a saddle's words) or Newton's ``step`` over every entry
    with the ``decrease`` :math:`\nabla J^\top d / 2` it predicts; ``spectrum`` words the curvature for a message."""

    curving_down: str | None
    step: np.ndarray | None = None
    decrease: float = 0.0
    spectrum: str = ""
    #: A bounded search's: ``step`` is conjugate gradients' partial one, ``decrease`` a lower bound.
    bounded: bool = False


def newton_check(problem, x: np.ndarray, value: float, gradient: np.ndarray, start_value: float,
                 bounds: list | None = None, matrix: np.ndarray | None = None,
                 threshold: float = UNFINISHED_DECREMENT) -> Unfinished | None:
    r"""None where the exact Hessian :math:`H` (over the entries off ``bounds``, at most
    :data:`CURVATURE_CHECK_SIZE` of them) finds no sign that ``x`` is not a minimum; else why not, by tests that hold
    whatever the units of the parameters and of the cost: :math:`H` curves down (a saddle: probe50 P50-7); the cost
    :math:`ESCAPE\_PROBE` Newton steps out is below its value here (the minimizer is at infinity: separation, all-zero
    counts: P50-1); Newton's step predicts a decrease :math:`\nabla J^\top H^{-1} \nabla J / 2` above
    ``threshold`` (:data:`UNFINISHED_DECREMENT`) of :math:`\max(|J|, |J_0|)` (a parameter in small units has a small
    gradient far from its optimum: P50-5).  Exact (the dense ``matrix``, or :meth:`hess`) up to
    :data:`DENSE_CHECK_SIZE` entries or where :math:`H` is compiled as a matrix; past that a bounded search of
    :data:`NEWTON_STEP_PRODUCTS` + :data:`CURVATURE_SEARCH_PRODUCTS` Hessian-vector products
    (:func:`_krylov_reading`), whose evidence is sound and whose silence keeps the run's verdict, unless its Newton
    step predicts a decrease above :data:`DENSE_FALLBACK` of :math:`|J|` (then read densely).  A Hessian symopt
    cannot form, or not finite, is no evidence (None)."""
    inside = [(low is None or x[index] > low) and (high is None or x[index] < high)
              for index, (low, high) in enumerate(bounds or [(None, None)] * x.size)]
    free = [index for index, ok in enumerate(inside) if ok]
    if not free or x.size > CURVATURE_CHECK_SIZE:
        return None
    try:
        if matrix is not None or x.size <= DENSE_CHECK_SIZE or problem.has_compiled_hessian():
            return _verdict(problem, x, value, gradient, start_value, bounds, threshold,
                            _dense_reading(problem.hess(x) if matrix is None else matrix, gradient, free))
        reading = _krylov_reading(problem, x, gradient, free)
        found = _verdict(problem, x, value, gradient, start_value, bounds, threshold, reading)
        if found is None and reading is not None and reading.decrease > DENSE_FALLBACK * abs(value):
            return _verdict(problem, x, value, gradient, start_value, bounds, threshold,
                            _dense_reading(problem.hess(x), gradient, free))
        return found
    except SymoptError:
        return None


def _verdict(problem, x: np.ndarray, value: float, gradient: np.ndarray, start_value: float, bounds: list | None,
             threshold: float, reading: _Reading | None) -> Unfinished | None:
    """:func:`newton_check`'s three tests on one reading of the Hessian (None: no evidence)."""
    if reading is None:
        return None
    if reading.curving_down is not None:
        return Unfinished(f"the largest |gradient| is {np.max(np.abs(gradient)):.3g} at the point it returned "
                          f"{reading.curving_down}")
    step, decrease = reading.step, reading.decrease
    if bounds is not None and clipped_start(x - step, bounds).tolist() != (x - step).tolist():
        return None  # Newton's point leaves the box: its decrease is not one the run could have taken
    names = problem.entry_names()
    moving = int(np.argmax(np.abs(step)))
    owner = [p for p, shape in zip(problem.parameters, problem.shapes) for _ in range(int(np.prod(shape)))][moving]
    penalty = f"1e-3 * ops.sum(ops.square({owner}))" if is_matrix(owner) else f"1e-3 * {owner}**2"
    if bounds is None and decrease > 64 * np.finfo(float).eps * abs(value):
        far = problem.value_and_grad(x - ESCAPE_PROBE * step)[0]
        if far < value - decrease / 2:
            return Unfinished(
                f"the cost is still falling: {ESCAPE_PROBE:g} Newton steps further out ({names[moving]} "
                f"{x[moving]:.4g} → {x[moving] - ESCAPE_PROBE * step[moving]:.4g}) it is {far:.6g}, below its "
                f"{value:.6g} here, and the Hessian is nearly flat ({reading.spectrum}"
                "): the cost has no finite minimizer, its infimum lies at infinity and the gradient test passed only "
                "because the gradient underflows on the way there. In a likelihood this is separation (a variable that "
                "splits the outcomes perfectly, or a group with all-zero counts): the estimates run off and their "
                f"standard errors mean nothing. Remove or merge the separating variable, add a penalty such as "
                f"{penalty} to the cost, or bound the parameters (method='lbfgs' with bounds=)",
                escaping=True)
    scale = max(abs(value), abs(start_value))
    if decrease > threshold * scale:
        return Unfinished(
            f"Newton's step from there (H⁻¹∇J, {names[moving]} by {-step[moving]:.4g}) predicts a further decrease of "
            f"{'at least ' if reading.bounded else ''}{decrease:.3g} on a cost of {value:.6g} (above {threshold:g} of the cost's scale "
            f"{scale:.3g}): it stopped far from the minimum. A gradient test is absolute, and a parameter in small "
            "units has a small gradient far from its optimum. Rescale the data (standardize the covariates), run "
            "method='newton', or pass a smaller tol=")
    return None


def _dense_reading(matrix, gradient: np.ndarray, free: list) -> _Reading | None:
    """The dense Hessian's eigenvalues over the ``free`` entries: a saddle, or Newton's step with rounding's
    eigenvalues left out (flat); None where it is not finite or all zero."""
    matrix = np.asarray(matrix, dtype=float)
    if not np.all(np.isfinite(matrix)):
        return None
    block = matrix[np.ix_(free, free)]
    eigenvalues, vectors = np.linalg.eigh((block + block.T) / 2)
    largest = float(np.max(np.abs(eigenvalues), initial=0.0))
    if largest == 0.0:
        return None
    if eigenvalues[0] < -CURVATURE_ROUNDING * largest:
        return _Reading(not_a_minimum(eigenvalues))
    kept = eigenvalues > 100 * len(free) * np.finfo(float).eps * largest  # rounding's eigenvalues are flat
    along = vectors[:, kept].T @ gradient[free]
    step = np.zeros_like(gradient, dtype=float)
    step[free] = vectors[:, kept] @ (along / eigenvalues[kept])
    return _Reading(None, step, float(along @ (along / eigenvalues[kept])) / 2,
                    f"eigenvalues {np.array2string(eigenvalues, precision=3)}")


def _krylov_reading(problem, x: np.ndarray, gradient: np.ndarray, free: list) -> _Reading | None:
    r"""The bounded search past :data:`DENSE_CHECK_SIZE` entries, by Hessian-vector products over the ``free`` entries.

    Lanczos from a fixed pseudo-random unit vector (:data:`CURVATURE_SEARCH_PRODUCTS` products, the basis
    re-orthogonalized) gives Ritz values, each a Rayleigh quotient :math:`v^\top H v / v^\top v \ge \lambda_{\min}`;
    then conjugate gradients on :math:`H d = \nabla J` (:data:`NEWTON_STEP_PRODUCTS` products), whose partial
    :math:`\nabla J^\top d_k` grows monotonically toward :math:`\nabla J^\top H^{-1} \nabla J` (CG minimizes the
    quadratic model over its Krylov space): a partial decrease above the threshold is sound evidence of a far Newton
    step, and the escape probe uses :math:`d_k`.  The rounding test: a quotient below :data:`CURVATURE_ROUNDING` times
    the largest curvature met (a Ritz value's :math:`|\theta|`, CG's :math:`\|Hp\|/\|p\|`; each at most
    :math:`\max|\lambda|`) is a saddle, far above a product's rounding (about :math:`n\epsilon\max|\lambda|`).  CG stops
    at a curvature below :math:`100 n\epsilon` of that scale (flat, left out as the dense reading leaves it)."""
    size, products = len(free), []

    def product(direction: np.ndarray) -> np.ndarray:
        full = np.zeros(x.size)
        full[free] = direction
        products.append(direction)
        return np.asarray(problem.hessp(x, full), dtype=float)[free]
    ritz = _ritz_values(product, size)
    if ritz is None:
        return None
    largest = float(np.max(np.abs(ritz)))
    if ritz[0] < -CURVATURE_ROUNDING * largest:
        return _Reading(curving_down(f"a direction {len(ritz)} Hessian-vector products found has "
                                     f"curvature vᵀHv/vᵀv = {ritz[0]:.4g}, where the largest found is {largest:.4g}"))
    gradient_free = np.asarray(gradient, dtype=float)[free]
    step_free = np.zeros(size)
    residual = gradient_free.copy()
    direction = residual.copy()
    squared = float(residual @ residual)
    for _ in range(NEWTON_STEP_PRODUCTS):
        if squared <= (1e-12 * np.linalg.norm(gradient_free)) ** 2 or squared == 0.0:
            break  # solved
        applied = product(direction)
        if not np.all(np.isfinite(applied)):
            return None
        length = float(direction @ direction)
        curvature = float(direction @ applied)
        largest = max(largest, float(np.linalg.norm(applied)) / np.sqrt(length))
        if curvature < -CURVATURE_ROUNDING * largest * length:
            return _Reading(curving_down(f"conjugate gradients met curvature pᵀHp/pᵀp = {curvature / length:.4g} "
                                         f"along Newton's direction, where the largest found is {largest:.4g}"))
        if curvature <= 100 * size * np.finfo(float).eps * largest * length:
            break  # flat to rounding
        alpha = squared / curvature
        step_free += alpha * direction
        residual -= alpha * applied
        squared, previous = float(residual @ residual), squared
        direction = residual + (squared / previous) * direction
    step = np.zeros(x.size)
    step[free] = step_free
    return _Reading(None, step, float(gradient_free @ step_free) / 2,
                    f"the largest curvature {len(products)} Hessian-vector products found is {largest:.3g}",
                    bounded=True)


def _ritz_values(product, size: int) -> np.ndarray | None:
    """Ascending Ritz values of :data:`CURVATURE_SEARCH_PRODUCTS` Lanczos steps (fewer where the Krylov space closes)
    from a fixed pseudo-random unit vector, the same at every run; None where a product is not finite."""
    vector = np.random.default_rng(0).standard_normal(size)
    basis = [vector / np.linalg.norm(vector)]
    diagonal, off_diagonal = [], []
    for _ in range(min(CURVATURE_SEARCH_PRODUCTS, size)):
        applied = product(basis[-1])
        if not np.all(np.isfinite(applied)):
            return None
        diagonal.append(float(basis[-1] @ applied))
        spanned = np.array(basis)
        for _ in range(2):  # full re-orthogonalization, twice: few vectors, and Ritz values stay Rayleigh quotients
            applied = applied - spanned.T @ (spanned @ applied)
        norm = float(np.linalg.norm(applied))
        if norm <= np.finfo(float).eps * max(abs(d) for d in diagonal) * size:
            break  # an invariant subspace: its Ritz values are eigenvalues
        off_diagonal.append(norm)
        basis.append(applied / norm)
    count = len(diagonal)
    tridiagonal = np.diag(diagonal) + np.diag(off_diagonal[:count - 1], 1) + np.diag(off_diagonal[:count - 1], -1)
    return np.linalg.eigvalsh(tridiagonal)
