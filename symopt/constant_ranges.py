r"""Refusals of constants the generated code cannot hold: one beyond float32's range in a float32 program
(``asinh(1e160*w)``: ``1e160*w`` is ``inf`` in float32, the value inf and the slope NaN where the true ones,
369.1 and :math:`10^{-160}`-ish, fit; review final42a F42a-14), and one beyond float64's range that differentiating
made (the slope :math:`c\,e^{cw}` of :math:`e^{cw}` holds :math:`c^2`; F42a-4), explained as such.
"""

from __future__ import annotations

import numpy
import sympy

from .float_literals import LARGEST_FLOAT, ConstantRangeError, elided, nearest_double

__all__ = ["FLOAT32_LARGEST", "check_float32_range", "made_by_differentiating", "cost_functions", "functions_of",
           "in_the_derivative_of"]

#: The largest float32, about 3.4e38.
FLOAT32_LARGEST = float(numpy.finfo(numpy.float32).max)


def check_float32_range(number) -> None:
    """Refuse ``number`` (a SymPy number in a float32 program) beyond float32's range: it would be ``inf``."""
    if abs(nearest_double(number)) > FLOAT32_LARGEST:
        what = elided(number)
        raise ConstantRangeError(
            f"the constant {what} is beyond float32's range (about 3.4e38): a float32 program computes with it in "
            "float32, where it is inf (the value inf, the slope nan). Compile with dtype='float64', or move the "
            "scale into the parameter or the data so the constants fit", what, "float32")


def cost_functions(program) -> list[str]:
    """The names of the functions (``exp``, ``atan``) in ``program``'s forward values: the cost's own."""
    forward = [expression for target, expression in program.assignments if target in program.forward]
    forward += [output for index, output in enumerate(program.outputs) if program.values and program.is_value(index)]
    return functions_of(forward)


def functions_of(expressions) -> list[str]:
    """The names of the functions applied in ``expressions``, sorted."""
    return sorted({type(node).__name__ for expression in expressions
                   for node in sympy.sympify(expression).atoms(sympy.Function)})


def in_the_derivative_of(cost, error: ConstantRangeError) -> ConstantRangeError:
    """``error`` of a derivative of ``cost`` (a Hessian-vector product's) explained by
    :func:`made_by_differentiating` where ``cost`` itself holds no number beyond float64; as it is otherwise."""
    if error.dtype != "float64" or any(abs(float(number)) > LARGEST_FLOAT for number in cost.atoms(sympy.Number)):
        return error
    return made_by_differentiating(error, functions_of([cost]))


def made_by_differentiating(error: ConstantRangeError, functions: list[str]) -> ConstantRangeError:
    r"""``error`` for a constant beyond float64 in a derivative, not in the cost as written: a product of the
    cost's constants made by differentiating its ``functions``, as :math:`c^2` in the slope :math:`c^2 e^{cw}` of
    :math:`c\,e^{cw}`."""
    through = f"the cost's {', '.join(functions)}" if functions else "the cost"
    example = f"{functions[0]}(v) with v = c*w" if functions else "v = c*w"
    return ConstantRangeError(
        f"the constant {error.what} is beyond float64's range (about 1.8e308), in the derivative, not in the cost as "
        f"written: differentiating {through} multiplied the cost's constants (e.g. the slope of atan(c*w), "
        f"c/(c**2*w**2 + 1), holds c**2). Move the scale into the parameter ({example}) or into the data",
        error.what)
