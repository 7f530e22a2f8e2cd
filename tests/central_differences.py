"""Central differences of a NumPy function of several arrays: the oracle of the matrix-rule tests."""

import numpy as np


def central_difference(function, values: list, index: int, h: float = 1e-6) -> np.ndarray:
    r""":math:`\partial f / \partial v_{index}` entry by entry, :math:`(f(v + h e) - f(v - h e)) / 2h`."""
    gradient = np.zeros_like(values[index])
    for position in np.ndindex(gradient.shape):
        up, down = [v.copy() for v in values], [v.copy() for v in values]
        up[index][position] += h
        down[index][position] -= h
        gradient[position] = (function(*up) - function(*down)) / (2 * h)
    return gradient
