r"""The Newton update as math, :math:`\theta \leftarrow \theta - H^{-1}\nabla_\theta J` worked out for a cost
(:func:`newton_update`): the teaching view of ``minimize(..., method="newton")``, re-exported by
:mod:`symopt.second_order`.  A Hessian singular for every value of the parameters (``(w + v)**2``, a linear cost)
is a :class:`~symopt.errors.SingularHessianError` naming the flat direction, as the run's is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy
from sympy.matrices.exceptions import NonInvertibleMatrixError
from sympy.printing.precedence import PRECEDENCE

from .code_rules import code_gradients
from .display.glyphs import distinct_names
from .display.latex_notation import latex
from .errors import SingularHessianError, UnsupportedOperationError
from .hessian import HessianVectorProduct, code_hessian
from .method_checks import flat_direction
from .symbols import is_matrix, symbolic
from .unevaluated import minus
from .wrt import resolve_names

__all__ = ["NewtonUpdate", "newton_update"]

@dataclass(frozen=True)
class NewtonUpdate:
    r"""The Newton step :math:`\theta \leftarrow \theta - H^{-1}\nabla_\theta J` for a cost, as SymPy assignments."""

    assignments: tuple

    def latex(self) -> str:
        """The rule and one row per parameter, names in derive's notation (:func:`symopt.display.latex_notation.latex`:
        ``a\\%b`` escaped, ``x1`` beside ``x_1`` as typed, ``\\lambda\\_``), not SymPy's raw LaTeX (probe40 P40-2)."""
        rows = [r"\theta &\leftarrow \theta - H^{-1} \nabla_\theta J, \qquad H = \nabla^2_\theta J"]
        with distinct_names([sympy.Tuple(t, e) for t, e in self.assignments]):
            rows += [f"{latex(t)} &\\leftarrow {latex(e)}" for t, e in self.assignments]
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def __str__(self) -> str:
        return "\n".join(f"{t} <- {_as_written(t, e)}" for t, e in self.assignments)

    def solved(self) -> tuple:
        """The assignments simplified (for a quadratic in scalars: the minimizer itself)."""
        return tuple((t, sympy.simplify(e)) for t, e in self.assignments)


def _as_written(target, expression) -> str:
    """``θ - step`` (or ``θ + step``) in text with ``θ`` first, as built and as the LaTeX shows it (SymPy's printer
    sorts the terms of a sum: ``-x/3 + x``); the step itself in SymPy's order."""
    terms = list(expression.args) if isinstance(expression, (sympy.Add, sympy.MatAdd)) else []
    if len(terms) != 2 or target not in terms:
        return sympy.sstr(expression)
    step = terms[1 - terms.index(target)]
    negated = isinstance(step, (sympy.Mul, sympy.MatMul)) and step.args[0] == -1
    part = type(step)(*step.args[1:], evaluate=False) if negated else step
    printer = sympy.printing.str.StrPrinter()
    return f"{target} {'-' if negated else '+'} {printer.parenthesize(part, PRECEDENCE['Add'])}"


def newton_update(cost, wrt) -> NewtonUpdate:
    r"""The Newton update of ``cost`` as math: for scalar parameters :math:`\theta - H^{-1}\nabla J` worked out
    (the lecture's :math:`w \leftarrow w - (2w - 10)/2`); for one column-vector parameter with a matrix Hessian
    :math:`w - (2X^\top X)^{-1}\,2X^\top(Xw - y)`."""
    cost = symbolic(cost)
    parameters = resolve_names([cost], wrt)
    matrix = code_hessian(cost, parameters)
    gradients = code_gradients(cost, parameters)
    if isinstance(matrix, HessianVectorProduct):
        raise UnsupportedOperationError(
            "newton_update writes the step with the Hessian as a matrix, which symopt finds for scalar parameters and "
            "for a column vector whose Hessian-vector product is a matrix times v (linear and quadratic models, "
            "x.T @ A @ x among them); here v sits inside an elementwise product (as a logistic loss puts it), so H is "
            "applied as a Hessian-vector product and θ ← θ - H⁻¹∇J is not written out. Use minimize(method='newton') "
            "(it builds H numerically) or method='trust-ncg'")
    if not any(is_matrix(p) for p in parameters):
        try:
            inverse = matrix.inv()
        except NonInvertibleMatrixError:  # singular for every value: (w + v)**2, a linear cost
            raise _singular_everywhere(matrix, parameters) from None
        step = inverse * sympy.Matrix(gradients)
        return NewtonUpdate(tuple((p, _minus_step(p, d)) for p, d in zip(parameters, step)))
    if isinstance(matrix, sympy.ZeroMatrix):  # a cost linear in the vector: no curvature anywhere
        raise _singular_everywhere(matrix, parameters)
    gradient = gradients[0]
    if isinstance(matrix, sympy.MatrixBase):  # numbers (x.T @ S @ x with S a constant sympy.Matrix)
        if matrix.det() == 0:
            raise _singular_everywhere(matrix, parameters)
        gradient = gradient.doit()  # S*x - b, not ((1/2)*(x.T*S).T*1 + ...)
    return NewtonUpdate(((parameters[0], minus(parameters[0], sympy.MatMul(sympy.Inverse(matrix), gradient))),))


def _minus_step(parameter, step):
    """:math:`\\theta - d` with ``d`` factored; where factoring leaves ``d`` a negative coefficient, written
    :math:`\\theta + |d|` (``y + (200x^4 - ...)/(...)``, not ``y - (-1)*(...)`` or LaTeX's ``y - - \\frac``)."""
    factored = sympy.factor(step)
    coefficient, rest = factored.as_coeff_Mul()
    if coefficient.is_negative:
        return sympy.Add(parameter, rest if coefficient == -1 else sympy.Mul(-coefficient, rest), evaluate=False)
    return minus(parameter, factored)


def _singular_everywhere(matrix: sympy.MatrixBase, parameters: list) -> SingularHessianError:
    """The error of :func:`newton_update` for a Hessian whose determinant is 0 for every value of the parameters,
    naming the direction the cost is flat along where that is one fixed direction (``w - v`` for ``(w + v)**2``)."""
    names = ", ".join(map(str, parameters))
    shown = sympy.sstr(matrix.tolist()) if isinstance(matrix, sympy.MatrixBase) else f"the zero matrix {matrix.shape}"
    if isinstance(matrix, sympy.ZeroMatrix) or matrix.is_zero_matrix:
        cause = (f"the cost has no curvature in {names} (it is linear): it has no minimum, unless bounded "
                 "(method='lbfgs' with bounds=)")
    else:
        flat = matrix.nullspace()
        along = ""
        if len(flat) == 1 and not flat[0].free_symbols:
            along = f" along {flat_direction(np.array(flat[0], dtype=float).ravel(), [str(p) for p in parameters])}"
        cause = (f"the cost is flat{along} (its minimum, if any, is not one point). Two parameters doing one job do "
                 f"this: drop one, or add a penalty such as 1e-3 * {parameters[0]}**2 to the cost")
    return SingularHessianError(
        f"newton_update expects an invertible Hessian; given {shown}, singular for every {names} (its determinant is "
        f"0), so Newton's step H⁻¹∇J is not defined anywhere: {cause}. method='lbfgs' inverts no Hessian.")
