r""":func:`jacobian` of vector-valued outputs: for scalar parameters each row is its output's gradient by
:func:`~symopt.grad`'s rules; for a matrix expression :math:`f(w)` the matrix :math:`J` with
:math:`J^\top u = \nabla_w\langle f, u\rangle` (:mod:`symopt.hessian` has the second derivatives)."""

from __future__ import annotations

import sympy
from sympy import MatrixSymbol

from .calculus import adjoints, grad
from .depth import depth_limited
from .errors import ShapeError, UnsupportedOperationError
from .hessian import linear_coefficient, unused_name
from .keyword_advice import SYMBOLIC_ADVICE, refusing_unknown_keywords
from .nodes import ElementSum, hadamard
from .symbols import is_matrix, symbolic
from .wrt import resolve_names

__all__ = ["jacobian"]


@refusing_unknown_keywords(advice=SYMBOLIC_ADVICE)
@depth_limited("jacobian")
def jacobian(outputs, wrt):
    r""":math:`J_{ij} = \partial f_i/\partial \theta_j` of vector-valued ``outputs``.

    ``outputs``: a list of scalar expressions or an explicit column ``sympy.Matrix`` (then ``wrt`` are
    scalars: a ``sympy.ImmutableMatrix``), or a column matrix expression of one column-vector parameter
    (then a matrix expression such as :math:`X` for :math:`f = Xw`).
    """
    if isinstance(outputs, (list, tuple)) or isinstance(outputs, sympy.MatrixBase):
        column = sympy.ImmutableMatrix(symbolic(list(outputs), "output") if isinstance(outputs, (list, tuple)) else outputs)
        parameters = resolve_names(list(column), wrt)
        if any(is_matrix(p) for p in parameters):
            raise ShapeError("jacobian of explicit scalar outputs needs scalar parameters; "
                             "for a matrix parameter write the outputs as one matrix expression (X*w)")
        # each row by grad's own rules (d floor = 0, one argument of a Max tie), never sympy.diff's (Derivative,
        # DiracDelta, a tie split 1/2 - 1/2): a row is the gradient of its output (probe8 R13)
        rows = [adjoints(output, parameters) for output in column]
        return sympy.ImmutableMatrix(len(rows), len(parameters), lambda i, j: rows[i][parameters[j]])
    parameters = resolve_names([outputs], wrt)
    if not is_matrix(outputs) or outputs.shape[1] != 1 or len(parameters) != 1 or not is_matrix(parameters[0]) \
            or parameters[0].shape[1] != 1:
        raise ShapeError(f"jacobian: expected a list of scalar outputs, or a column matrix expression of one "
                         f"column-vector parameter; given outputs of shape {getattr(outputs, 'shape', ())} and "
                         f"wrt={parameters}. {_jacobian_advice(outputs)}")
    try:
        rows = int(outputs.shape[0])
    except TypeError as error:
        raise ShapeError(f"jacobian: outputs need a fixed number of rows; given {outputs.shape}: the rows are the "
                         f"data's, known only once it is fed. {_jacobian_advice(outputs)}") from error
    u = MatrixSymbol(unused_name("u", [outputs]), rows, 1)  # a user's own u would be taken for the direction
    pulled = grad(ElementSum(hadamard(outputs, u)), parameters[0])
    coefficient = linear_coefficient(pulled, u)
    if coefficient is None:
        raise UnsupportedOperationError(
            f"jacobian of {outputs}: its rows are not a matrix product with the parameter, so the Jacobian has no "
            "closed matrix form here; write the outputs as a list of scalar expressions to get it entry by entry")
    return coefficient.T


def _jacobian_advice(outputs) -> str:
    r"""What to write instead, for :func:`jacobian`'s refusals: a scalar has a gradient; residuals over data rows
    (Gauss-Newton's :math:`r(\theta)`) are a list with the data's numbers, or their least-squares cost's Hessian."""
    if not is_matrix(outputs) or tuple(outputs.shape) == (1, 1):
        return "A scalar cost has a gradient: use symopt.grad."
    if all(isinstance(n, (int, sympy.Integer)) for n in outputs.shape) and outputs.shape[1] == 1:
        return (f"For scalar parameters write the outputs as a list of their entries: "
                f"[r[i, 0] for i in range({outputs.shape[0]})] with r the outputs.")
    return ("For residuals over the data's rows (Gauss-Newton's r), write them as a list of scalar expressions with "
            "the data's numbers in place (e.g. [a*sympy.exp(b*t_i) - y_i for t_i, y_i in zip(t_data, y_data)]), "
            "or take the Hessian of their least-squares cost, symopt.hessian(ops.sum(ops.square(r)) / 2, wrt), or "
            "run minimize(..., method='newton'), which take the data placeholders.")
