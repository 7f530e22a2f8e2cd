r"""What the Hessian :math:`H` says at the end point of a run, for :func:`~symopt.end_point_checks.newton_check`: a
:class:`Reading` from the dense matrix (:func:`dense_reading`, its eigenvalues) or from a bounded number of
Hessian-vector products (:func:`krylov_reading`: Lanczos for negative curvature, conjugate gradients for Newton's
step)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cost_probes import CURVATURE_ROUNDING, flat_directions
from .lanczos import ritz_values
from .method_checks import curving_down, few_eigenvalues, not_a_minimum

__all__ = ["Reading", "dense_reading", "krylov_reading", "hessian_columns", "DENSE_CHECK_SIZE",
           "NEWTON_STEP_PRODUCTS", "CURVATURE_SEARCH_PRODUCTS"]

#: Up to this many entries, or wherever symopt compiles the Hessian as a matrix (scalar parameters, a vector's linear
#: or quadratic model), the end-point checks form the dense Hessian and read its eigenvalues: exact.
DENSE_CHECK_SIZE = 20

#: Past :data:`DENSE_CHECK_SIZE` entries of a Hessian symopt applies only as products (a
#: logistic loss's vector), the most Hessian-vector products conjugate gradients spends on Newton's step
#: :math:`H d = \nabla J`: a bounded search (a run that took a dozen gradient evaluations pays about as many again),
#: never :math:`n` products.
NEWTON_STEP_PRODUCTS = 12
#: ... and the most a Lanczos search from a fixed pseudo-random direction spends looking for negative curvature the
#: gradient's own Krylov space cannot see (a run along a symmetric subspace has no gradient across it).
CURVATURE_SEARCH_PRODUCTS = 8


@dataclass(frozen=True)
class Reading:
    r"""What the Hessian says at a point: a ``direction`` of negative curvature with its ``curving_down`` words (a
    saddle's), or Newton's ``step`` over every entry with the ``decrease`` :math:`\nabla J^\top d / 2` it predicts;
    ``spectrum`` words the curvature for a message (:meth:`words`: from ``eigenvalues`` where given, formatted only
    for a message)."""

    curving_down: str | None
    step: np.ndarray | None = None
    decrease: float = 0.0
    spectrum: str = ""
    #: A bounded search's: ``step`` is conjugate gradients' partial one, ``decrease`` a lower bound.
    bounded: bool = False
    direction: np.ndarray | None = None
    #: Eigenvectors of eigenvalues 0 to rounding (at most :data:`~symopt.cost_probes.FLAT_PROBES`): a third-order term
    #: may fall along them.
    flat: tuple = ()
    #: The largest |eigenvalue|: a flat direction's rounding scale (:func:`~symopt.cost_probes.inflection_along`).
    curvature: float = 0.0
    #: The dense Hessian's ascending eigenvalues, for :meth:`words`.
    eigenvalues: np.ndarray | None = None
    #: The Rayleigh quotient :math:`v^\top H v / v^\top v` of ``direction`` (negative): where its critical point lies.
    lowest: float = 0.0

    def words(self) -> str:
        """The curvature for a message: :attr:`spectrum`, or the eigenvalues (a few of them)."""
        return self.spectrum or f"eigenvalues {few_eigenvalues(self.eigenvalues)}"



def hessian_columns(product, size: int, free: list) -> np.ndarray:
    """The dense Hessian's ``free`` columns by products (the rest zero), symmetrized."""
    matrix = np.zeros((size, size))
    for index in free:
        unit = np.zeros(size)
        unit[index] = 1.0
        matrix[:, index] = product(unit)
    return (matrix + matrix.T) / 2


def dense_reading(matrix, gradient: np.ndarray, free: list) -> Reading | None:
    """The dense Hessian's eigenvalues over the ``free`` entries: a saddle (with its eigenvector), or Newton's step with
    rounding's eigenvalues left out (flat); None where it is not finite or all zero."""
    matrix = np.asarray(matrix, dtype=float)
    if not np.all(np.isfinite(matrix)):
        return None
    block = matrix[np.ix_(free, free)]
    eigenvalues, vectors = np.linalg.eigh((block + block.T) / 2)
    largest = float(np.max(np.abs(eigenvalues), initial=0.0))
    flat = []
    for vector in flat_directions(eigenvalues, vectors):
        direction = np.zeros(gradient.size)
        direction[free] = vector
        flat.append(direction)
    if largest == 0.0:
        return Reading(None, flat=tuple(flat), spectrum="every eigenvalue 0")
    if eigenvalues[0] < -CURVATURE_ROUNDING * largest:
        direction = np.zeros(gradient.size)
        direction[free] = vectors[:, 0]
        return Reading(not_a_minimum(eigenvalues), direction=direction, lowest=float(eigenvalues[0]),
                       curvature=largest)
    kept = eigenvalues > 100 * len(free) * np.finfo(float).eps * largest  # rounding's eigenvalues are flat
    along = vectors[:, kept].T @ gradient[free]
    step = np.zeros_like(gradient, dtype=float)
    step[free] = vectors[:, kept] @ (along / eigenvalues[kept])
    return Reading(None, step, float(along @ (along / eigenvalues[kept])) / 2,
                   flat=tuple(flat), curvature=largest, eigenvalues=eigenvalues)


def krylov_reading(apply, x: np.ndarray, gradient: np.ndarray, free: list) -> Reading | None:
    r"""The bounded search past :data:`DENSE_CHECK_SIZE` entries, by Hessian-vector products
    ``apply`` over the ``free`` entries.

    Lanczos from a fixed pseudo-random unit vector (:data:`CURVATURE_SEARCH_PRODUCTS` products, the basis
    re-orthogonalized) gives Ritz values, each a Rayleigh quotient :math:`v^\top H v / v^\top v \ge \lambda_{\min}`;
    then conjugate gradients on :math:`H d = \nabla J` (:data:`NEWTON_STEP_PRODUCTS` products), whose partial
    :math:`\nabla J^\top d_k` grows monotonically toward :math:`\nabla J^\top H^{-1} \nabla J` (CG minimizes the
    quadratic model over its Krylov space); the escape probe and Newton's point use :math:`d_k`.  A quotient below
    :data:`CURVATURE_ROUNDING` times the largest curvature met (a Ritz value's :math:`|\theta|`, CG's
    :math:`\|Hp\|/\|p\|`) is a candidate saddle, with its Ritz vector or CG direction for the cost to confirm.  CG stops
    at a curvature below :math:`100 n\epsilon` of that scale (flat, left out as the dense reading leaves it)."""
    size, products = len(free), []

    def product(direction: np.ndarray) -> np.ndarray:
        full = np.zeros(x.size)
        full[free] = direction
        products.append(direction)
        return np.asarray(apply(full), dtype=float)[free]

    def embedded(direction: np.ndarray) -> np.ndarray:
        full = np.zeros(x.size)
        full[free] = direction
        return full
    found = ritz_values(product, size, CURVATURE_SEARCH_PRODUCTS)
    if found is None:
        return None
    ritz, lowest = found
    largest = float(np.max(np.abs(ritz)))
    if ritz[0] < -CURVATURE_ROUNDING * largest:
        return Reading(curving_down(f"a direction {len(ritz)} Hessian-vector products found has "
                                    f"curvature vᵀHv/vᵀv = {ritz[0]:.4g}, where the largest found is {largest:.4g}"),
                       direction=embedded(lowest), lowest=float(ritz[0]), curvature=largest)
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
            return Reading(curving_down(f"conjugate gradients met curvature pᵀHp/pᵀp = {curvature / length:.4g} "
                                        f"along Newton's direction, where the largest found is {largest:.4g}"),
                           direction=embedded(direction), lowest=curvature / length, curvature=largest)
        if curvature <= 100 * size * np.finfo(float).eps * largest * length:
            break  # flat to rounding
        alpha = squared / curvature
        step_free += alpha * direction
        residual -= alpha * applied
        squared, previous = float(residual @ residual), squared
        direction = residual + (squared / previous) * direction
    step = np.zeros(x.size)
    step[free] = step_free
    return Reading(None, step, float(gradient_free @ step_free) / 2,
                   f"the largest curvature {len(products)} Hessian-vector products found is {largest:.3g}",
                   bounded=True)
