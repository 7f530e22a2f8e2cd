"""probe41 P41-5: jacobian's refusals of residuals over data rows say what to write (a list with the data's numbers,
or the least-squares cost's Hessian), not "a scalar cost has a gradient"; the advice it gives works (the list form's
Jacobian against sympy.diff)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ShapeError

a, b = symopt.Variable("a", 1.0), symopt.Variable("b", -0.5)
t, y = symopt.Placeholder("t", (None, 1)), symopt.Placeholder("y", (None, 1))
ADVICE = ("For residuals over the data's rows (Gauss-Newton's r), write them as a list of scalar expressions with the "
          "data's numbers in place (e.g. [a*sympy.exp(b*t_i) - y_i for t_i, y_i in zip(t_data, y_data)]), or take the "
          "Hessian of their least-squares cost, symopt.hessian(ops.sum(ops.square(r)) / 2, wrt), or run "
          "minimize(..., method='newton'), which take the data placeholders.")


def test_residuals_over_data_rows_with_scalar_parameters():
    residual = t.applyfunc(lambda s: a * sympy.exp(b * s)) - y
    with pytest.raises(ShapeError) as caught:
        symopt.jacobian(residual, [a, b])
    assert str(caught.value) == ("jacobian: expected a list of scalar outputs, or a column matrix expression of one "
                                 "column-vector parameter; given outputs of shape (m, 1) and wrt=[a, b]. " + ADVICE)
    assert "use symopt.grad" not in str(caught.value)


def test_a_data_matrix_times_a_vector():
    X, w = symopt.Placeholder("X", (None, 3)), symopt.Variable("w", np.zeros(3))
    with pytest.raises(ShapeError) as caught:
        symopt.jacobian(X @ w, w)
    assert str(caught.value) == ("jacobian: outputs need a fixed number of rows; given (m, 1): the rows are the "
                                 "data's, known only once it is fed. " + ADVICE)


def test_a_scalar_still_points_to_grad_and_the_advised_list_form_is_right():
    with pytest.raises(ShapeError, match="A scalar cost has a gradient: use symopt.grad."):
        symopt.jacobian(a * b, [a, b])
    t_data, y_data = [0.0, 1.0, 2.0], [2.0, 1.0, 0.5]
    rows = [a * sympy.exp(b * t_i) - y_i for t_i, y_i in zip(t_data, y_data)]
    expected = sympy.Matrix([[sympy.diff(r, p) for p in (a, b)] for r in rows])
    assert sympy.simplify(symopt.jacobian(rows, [a, b]) - expected) == sympy.zeros(3, 2)
