"""A map whose body computes a matrix (``Z.applyfunc(lambda t: exp(t) / ops.sum(ops.exp(Z)))``, a softmax written
entry by entry) is refused: its body is differentiated one entry at a time, and the gradient came out silently wrong
(review5 R5-2: 13.55 where finite differences give 11.45).  The matrix forms it names are right."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

z = symopt.Placeholder("z", (4, 1))
w = symopt.Variable("w", 0.5)
Z = w * z
DATA = np.array([[0.1], [-1.0], [2.0], [0.3]])
FIRST = sp.Matrix([[1], [0], [0], [0]])


def _central(f, at=0.5, h=1e-6):
    return (f(at + h) - f(at - h)) / (2 * h)


def _softmax_first(v):
    return np.log(np.exp(v * DATA[0, 0]) / np.exp(v * DATA).sum())


@pytest.mark.parametrize("body", [lambda t: t * ops.sum(Z), lambda t: t * ops.sum(ops.exp(Z)),
                                  lambda t: t * ops.sum(ops.hadamard(Z, Z))],
                         ids=["sum", "sum-exp", "sum-square"])
def test_a_body_computing_a_matrix_is_refused_before_anything_runs(body):
    cost = ops.sum(Z.applyfunc(body))
    for call in (lambda: symopt.grad(cost, w), lambda: symopt.compile(cost, [w]),
                 lambda: symopt.minimize(cost, w, data={z: DATA}, steps=1)):
        with pytest.raises(UnsupportedOperationError, match=r"write the matrix part outside the map"):
            call()


def test_the_softmax_written_entry_by_entry_is_refused_and_its_matrix_form_is_right():
    entrywise = ops.sum(ops.hadamard(FIRST, ops.log(Z.applyfunc(lambda t: sp.exp(t) / ops.sum(ops.exp(Z))))))
    with pytest.raises(UnsupportedOperationError, match=r"ops\.exp\(Z\) / ops\.sum\(ops\.exp\(Z\)\)"):
        symopt.compile(entrywise, [w])
    matrix_form = ops.sum(ops.hadamard(FIRST, ops.log(ops.exp(Z) / ops.sum(ops.exp(Z)))))
    value, (grad,) = symopt.compile(matrix_form, [w])({z: DATA, w: 0.5})
    np.testing.assert_allclose(value, _softmax_first(0.5), rtol=1e-14)
    np.testing.assert_allclose(grad, _central(_softmax_first), rtol=1e-7)


def test_the_scaled_matrix_form_is_right():
    value, (grad,) = symopt.compile(ops.sum(Z * ops.sum(Z)), [w])({z: DATA, w: 0.5})
    hand = lambda v: ((v * DATA) * (v * DATA).sum()).sum()  # noqa: E731
    np.testing.assert_allclose([value, grad], [hand(0.5), _central(hand)], rtol=1e-7)


def test_a_scalar_parameter_in_a_body_still_works():
    """PReLU's slope: a scalar in the body is no matrix."""
    value, (grad,) = symopt.compile(ops.sum(Z.applyfunc(lambda t: t * w ** 2)), [w])({z: DATA, w: 0.5})
    hand = lambda v: ((v * DATA) * v ** 2).sum()  # noqa: E731
    np.testing.assert_allclose([value, grad], [hand(0.5), _central(hand)], rtol=1e-7)
