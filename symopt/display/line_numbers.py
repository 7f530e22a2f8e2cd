r"""The numbers of a scalar derivation's lines at a point, shared by ``derive`` and ``graph(at=)``.

Each step's value is computed from the values it reads; each adjoint :math:`\bar v = \sum_s \bar s\,\partial s/\partial
v` line by line, where a product that met a pole or left the dtype's range is replaced by the line's own formula's
value (:mod:`.backward_numbers`).  Where a value on the way is :math:`\pm\infty` or NaN, each input's number is the
one the generated code computes (:mod:`.code_numbers`); :func:`printed_inputs` gives, for the lines of inputs whose
printed formula is finite where that code number is not (:math:`\log(\sigma(w)/(1 - \sigma(w)))` at :math:`w = 40`:
``dJ/dw = 1``, the code's unsimplified product NaN), the formula's value, which the displays print with a remark:
a line never reads ``1 = undefined`` (probe92 P92-1).
"""

from __future__ import annotations

import sympy

from ..domain import pinned_culprit
from .at_values import program_dtype
from .backward import adjoint_symbol
from .backward_numbers import finite_form, formula_value, zero_as_formula
from .code_numbers import code_gradient_numbers, pole_on_the_way, singular
from .values import evaluate

__all__ = ["not_real", "scalar_line_numbers", "printed_formula", "printed_inputs"]


def not_real(value) -> bool:
    """A finite number that is not real: a cost of ``log(-1)`` is ``iπ``, no value of the real function and no slope
    (an infinite cost, ``log(0)``, keeps its slopes: :func:`symopt.explain` shows where they blow up)."""
    value = sympy.sympify(value)
    return not isinstance(value, sympy.MatrixBase) and value.is_real is False and value.is_finite is True


def printed_formula(back, notation: str):
    """The formula a backward line prints beside its number: the code notation's ``dx`` form or the chain's value."""
    return back.shown if notation == "code" else back.value


def scalar_line_numbers(forward, backward, bound: dict, notation: str = "fraction") -> dict:
    """``{step symbol: value, adjoint dx: number}`` at the point ``bound`` (scalar steps), in the program's dtype;
    each input's adjoint is the generated code's number where a value on the way is not finite."""
    known, dtype = dict(bound), program_dtype(bound)  # float32 models: float32's numbers
    for step in forward.steps:
        known[step.symbol] = evaluate(step.expression, known, dtype)
    for expression, symbol in forward.abbreviations:
        known[symbol] = evaluate(expression, known, dtype)
    if not_real(known[forward.output.symbol]):  # J has no real value here (log(-1)): no slope either
        known.update({adjoint_symbol(back.node): sympy.nan for back in backward})
        return known
    known[adjoint_symbol(forward.output.symbol)] = sympy.S.One
    for back in backward:
        if back.entries:  # a matrix parameter read entry by entry: the matrix of its entries' adjoints
            rows, cols = (int(d) for d in back.node.shape)
            at = {(int(e.i), int(e.j)): known[adjoint_symbol(e)] for e in back.entries}
            by_entry = sympy.ImmutableMatrix(rows, cols, lambda i, j: at.get((i, j), 0))
            whole = sympy.Add(*(known[adjoint_symbol(t.consumer.symbol)] * t.local for t in back.terms))
            known[adjoint_symbol(back.node)] = by_entry if not back.terms else evaluate(
                (by_entry + sympy.ImmutableMatrix(whole.as_explicit())), known, dtype)
            continue
        known[adjoint_symbol(back.node)] = zero_as_formula(back, finite_form(back, evaluate(sympy.Add(*(
            known[adjoint_symbol(term.consumer.symbol)] * term.local for term in back.terms)), known, dtype), known,
            dtype), known, dtype)
        if dtype == "float32":  # the printed formula's value, not the chain's drifting float32 products
            known[adjoint_symbol(back.node)] = formula_value(
                printed_formula(back, notation), known, dtype, known[adjoint_symbol(back.node)])
    if pole_on_the_way(forward.steps, known):  # a pole on the way: each slope as the code computes it
        inputs = [back.node for back in backward if back.node in forward.leaves]
        for leaf, number in code_gradient_numbers(forward.cost, inputs, bound, dtype).items():
            known[adjoint_symbol(leaf)] = number
    return known


def _finite(number) -> bool:
    return isinstance(number, sympy.Expr) and number.is_number and not number.is_Matrix and not singular([number]) \
        and number.is_real is not False


def printed_inputs(forward, backward, numbers: dict, notation: str = "fraction") -> dict:
    """``{adjoint dx of an input: its line's formula's value}`` for each input whose number in ``numbers`` (the
    code's) is :math:`\\pm\\infty` or NaN where its printed formula, evaluated from the other lines' numbers, is
    finite: the code's unsimplified product meets :math:`0\\cdot\\infty` (``t0*t1*(-y/t0 - (-1 + y)/t1)`` at
    :math:`\\sigma = 1`) where the line's ``p - y`` is 1."""
    if not numbers or not_real(numbers[forward.output.symbol]):  # log(-1): no slope, whatever a formula reads
        return {}
    if _pinned(forward, numbers):
        return {}  # NaN by design, not by floating point: a branch that holds at this point alone (probe35 P35-6)
    dtype, printed = program_dtype(forward.leaves), {}
    for back in backward:
        symbol = adjoint_symbol(back.node)
        if back.node not in forward.leaves or back.entries or _finite(numbers.get(symbol)) \
                or not singular([numbers.get(symbol)]):
            continue
        value = formula_value(printed_formula(back, notation), numbers, dtype, numbers[symbol])
        if _finite(value):
            printed[symbol] = value
    return printed


def _pinned(forward, numbers: dict) -> bool:
    """Whether a ``Piecewise`` of the cost takes a branch that holds at this point alone (:func:`~symopt.domain.
    pinned_culprit`); False where an input has no real number (``a = i``: the lines say undefined anyway)."""
    try:
        return pinned_culprit(forward.cost, {leaf: numbers[leaf] for leaf in forward.leaves if leaf in numbers}) \
            is not None
    except (TypeError, ValueError):
        return False
