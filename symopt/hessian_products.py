r"""The Hessian at a point a method returned, as products :math:`p \mapsto Hp` and columns, for
:mod:`symopt.end_point_checks`: never a symbolic Hessian built for the check (final40a F40a-1)."""

from __future__ import annotations

import numpy as np

__all__ = ["hessian_product", "hessian_columns"]


def hessian_product(problem, x: np.ndarray):
    r"""``p -> H p`` at ``x``: the compiled Hessian-vector product where the method already compiled one or every
    parameter is a matrix (its product compiles as one matrix expression), else (scalar parameters: a symbolic product
    of many would cost more than the run) central differences of the compiled gradient,
    :math:`(\nabla J(x + hp) - \nabla J(x - hp)) / 2h`, with :math:`h = \epsilon^{1/3} \max(1, \max_i |x_i p_i| /
    \|p\|_\infty) / \|p\|_\infty`, in units of the entries ``p`` moves (a parameter in large units does not widen
    the difference across another's curvature: final43c F43c-14): an approximation the cost confirms."""
    if getattr(problem, "product", None) is not None or all(problem.shapes):  # matrix parameters: one compile of
        return lambda direction: np.asarray(problem.hessp(x, direction), dtype=float)  # the product, cheap and exact

    def differenced(direction: np.ndarray) -> np.ndarray:
        size = float(np.max(np.abs(direction)))
        if size == 0.0:
            return np.zeros(x.size)
        h = np.cbrt(np.finfo(float).eps) * max(1.0, float(np.max(np.abs(x * direction))) / size) / size
        return (problem.value_and_grad(x + h * direction)[1] - problem.value_and_grad(x - h * direction)[1]) / (2 * h)
    return differenced


def hessian_columns(product, size: int, free: list) -> np.ndarray:
    """The dense Hessian's ``free`` columns by products (the rest zero), symmetrized."""
    matrix = np.zeros((size, size))
    for index in free:
        unit = np.zeros(size)
        unit[index] = 1.0
        matrix[:, index] = product(unit)
    return (matrix + matrix.T) / 2
