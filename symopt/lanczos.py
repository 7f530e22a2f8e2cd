"""Lanczos from a fixed pseudo-random start: a few Hessian-vector products give Ritz values, Rayleigh quotients of
the Hessian, for :mod:`symopt.end_point_checks`' bounded search for negative curvature."""

from __future__ import annotations

import numpy as np

__all__ = ["ritz_values"]


def ritz_values(product, size: int, steps: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Ascending Ritz values of ``steps`` Lanczos steps (products ``product``) (fewer where the Krylov space closes)
    from a fixed pseudo-random unit vector, the same at every run, and the Ritz vector of the smallest; None where a
    product is not finite."""
    vector = np.random.default_rng(0).standard_normal(size)
    basis = [vector / np.linalg.norm(vector)]
    diagonal, off_diagonal = [], []
    for _ in range(min(steps, size)):
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
    values, vectors = np.linalg.eigh(tridiagonal)
    return values, np.array(basis[:count]).T @ vectors[:, 0]
