"""probe91 P91-6: of two parameters named ``W``, the first answers to ``result["W"]``, the label the repr shows and
``named_params`` keys it by (labels are unique); it was refused by a message listing ``W`` as a valid key.  The oracle
is the fitted minimum, known in closed form (each parameter's own target)."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


def _run(order):
    matrix, scalar = symopt.Variable("W", 1.0, shape=(2, 1)), symopt.Variable("W", 2.0)
    cost = (matrix[0, 0] - 1) ** 2 + (matrix[1, 0] - 2) ** 2 + (scalar - 3) ** 2
    return matrix, scalar, symopt.minimize(cost, order(matrix, scalar), method="newton")


@pytest.mark.parametrize("order", [lambda m, s: [m, s], lambda m, s: [s, m]], ids=["made order", "reversed"])
def test_each_label_the_repr_shows_reads_its_parameter(order):
    matrix, scalar, result = _run(order)
    assert "W=[[1], [2]]" in repr(result) and "W′=3.0" in repr(result)
    np.testing.assert_allclose(result["W"], [[1.0], [2.0]], rtol=0, atol=1e-12)  # the first W: the matrix
    assert result["W"] is result[matrix] and result["W′"] == pytest.approx(3.0, abs=1e-12)
    assert result["W′"] == result[scalar]
    assert {label: result[label] is value for label, value in result.named_params.items()} == {"W": True, "W′": True}
    assert "W" in result and "W′" in result


def test_a_label_no_parameter_has_is_still_refused_with_the_labels_listed():
    _, _, result = _run(lambda m, s: [m, s])
    with pytest.raises(ConfigurationError, match=r"one of W, W′$"):
        result["W′′"]
