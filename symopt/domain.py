r"""Telling a domain NaN from a divergence, once a run's cost has stopped being finite.

A cost that becomes NaN while every parameter is still finite has left the real domain of a subexpression
(:math:`\log w` or :math:`\sqrt{w}` at :math:`w < 0`, :math:`w^{1/3}` crossing 0): a smaller learning rate
alone does not explain it, so :func:`left_the_domain` turns it into a :class:`~symopt.errors.DomainError`
naming the step, the point and the subexpression.  A cost that overflows (:math:`+\infty`, or NaN from
:math:`\infty - \infty`) stays a :class:`~symopt.errors.DivergenceError`.  Nothing here runs per step: only
after a run has seen a non-finite cost.

The subexpression is found exactly when every input is a scalar (:func:`first_not_real`, in SymPy at the
point); with arrays the compiled step is rerun at the point with NumPy's floating-point errors raised, and
the first invalid operation (NumPy names its function) and the generated line it is on are quoted.
"""

from __future__ import annotations

import linecache
import math
import re
import traceback

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .codegen import compile_source
from .evaluation import evaluate_as_fed
from .derivatives import pinned_branches
from .errors import DomainError, SymoptError
from .nodes import lambda_parts
from .matrix_shapes import short
from .symbols import is_matrix
from .traversal import arguments, contains, postorder

__all__ = ["left_the_domain", "first_not_real", "describe_value", "numpy_culprit", "piecewise_culprit", "pinned_culprit",
           "ADVICE", "PINNED_ADVICE", "START_ADVICE", "REWRITE"]

#: What to do, after the point and the culprit are named.
REWRITE = ("write the cost so that it is real for every value (log(w**2 + eps) for log(w), or train u with "
           "w = exp(u) for a positive w).")
ADVICE = "Start further from that boundary, take a smaller learning rate{lr}, or " + REWRITE
#: The same at the starting point, where no step was taken.
START_ADVICE = "Start inside the domain, or " + REWRITE


def _complex(value) -> bool:
    """A finite number off the real line (:math:`\\sqrt{-1}`); not :math:`\\tilde\\infty` (:math:`\\log 0`, a pole:
    infinite costs are divergences) nor NaN."""
    return value.is_extended_real is False and value.is_finite is True


def first_not_real(expression, point: dict):
    """The innermost subexpression of ``expression`` that is a complex number at ``point`` (``{symbol: float}``)
    although its arguments are real, or a ``Piecewise`` none of whose conditions holds there; ``None`` when there
    is none (a pole such as :math:`\\log 0` is not one)."""
    values: dict = {}
    for node in postorder([expression]):
        if node in point:
            values[node] = sympy.Float(point[node])
        elif not node.args:
            values[node] = node
        else:
            value = node.func(*(values[argument] for argument in node.args))
            if isinstance(value, Boolean) or not hasattr(value, "evalf"):  # a condition (w > 1), a Piecewise branch
                values[node] = value
                continue
            values[node] = value.evalf()
            if isinstance(node, sympy.Piecewise) and values[node] is sympy.nan:  # no branch's condition holds
                return node
            if _complex(values[node]) and all(getattr(values[a], "is_extended_real", True) for a in node.args):
                return node
    return None


def pinned_culprit(cost, point: dict) -> str | None:
    r"""Where the gradient is not finite at the scalar ``point`` (``{parameter: value}``) because a ``Piecewise``
    of ``cost`` takes a branch that holds only there (:func:`~symopt.derivatives.pinned_branches`: ``Eq(w, 1)``,
    or the fallback of ``Ne(w, 0)``), what to say: that ``Piecewise`` and its condition; else ``None``.
    SymPy writes removable singularities so (``Sum(w**i, (i, 0, 4)).doit()`` is
    ``Piecewise((5, Eq(w, 1)), ((1 - w^5)/(1 - w), True))``): the branch's value gives no slope (probe35 P35-6)."""
    if any(is_matrix(s) for s in point) or any(np.size(v) != 1 for v in point.values()):
        return None
    values = {s: sympy.Float(float(np.asarray(v).reshape(()))) for s, v in point.items()}
    varies = lambda expression: bool(expression.free_symbols & values.keys())  # noqa: E731 - the parameters'
    for node in postorder([cost]):
        if not isinstance(node, sympy.Piecewise):
            continue
        for pin, pair in zip(pinned_branches(node, varies), node.args):
            try:
                holds = pair.cond.subs(values)
                pinned = holds is sympy.true and pin.subs(values) is sympy.true
            except (TypeError, ValueError):  # a condition SymPy cannot decide at numbers
                break
            if holds is sympy.true:
                if not pinned:
                    break
                return (f"{short(node, 120)} takes its branch ({pair.expr}, {pair.cond}) there, which holds at that "
                        "point alone, so the branch's value gives no slope (SymPy writes a removable singularity so, "
                        "e.g. from Sum(...).doit() or integrate)")
            if holds is not sympy.false:  # not decided at numbers: look no further in this Piecewise
                break
    return None


#: What to do where a ``Piecewise`` branch holds at one point alone (:func:`pinned_culprit`).
PINNED_ADVICE = ("write the cost without that point's branch: the other branch simplified, "
                 "sympy.cancel(...) or sympy.factor(...) ((1 - w**5)/(1 - w) is 1 + w + w**2 + w**3 + w**4), or "
                 "start elsewhere")


def describe_value(value) -> str:
    """A parameter value for a message: ``-8.5``, or a short array (NumPy's summary beyond 12 entries)."""
    array = np.asarray(value)
    if array.size == 1:
        return f"{float(array.reshape(())):.6g}"
    return np.array2string(array.astype(float), threshold=12, edgeitems=2, separator=", ",
                           formatter={"float_kind": lambda x: f"{x:.6g}"}).replace("\n", "")


def point_words(point: dict) -> str:
    """``w = 1, b = [0.5, 2]``: a point of the run, for a message (:func:`describe_value` of each value)."""
    return ", ".join(f"{symbol} = {describe_value(value)}" for symbol, value in point.items())


def _scalar_culprit(cost, point: dict) -> str | None:
    if any(is_matrix(s) for s in point) or any(np.size(v) != 1 for v in point.values()):
        return None
    culprit = first_not_real(cost, {s: float(np.asarray(v).reshape(())) for s, v in point.items()})
    return None if culprit is None else f"{culprit} has no real value"


def numpy_culprit(step, arguments: list, kinds: tuple = ("invalid value",)) -> str | None:
    """Rerun the generated ``step`` with NumPy's floating-point errors raised (an underflow only where ``kinds`` names
    it): at the first error of one of ``kinds``
    (default an invalid value, not an overflow or a division by zero, which are divergences), the operation as NumPy
    names it, and its generated line; ``None`` if the first error is of another kind, or there is none.  A step whose
    repeated calls were hoisted reruns as printed before (:mod:`symopt.repeated_calls`): Python's order of the
    line's operations, and a line that names no temporary hoisted from it."""
    unshared = getattr(getattr(step, "source", None), "unshared", "")  # symopt.repeated_calls.GeneratedSource
    if unshared:
        step = compile_source(unshared, step.__name__, dict(step.__globals__))  # the line as written
    try:
        with np.errstate(invalid="raise", divide="raise", over="raise",
                         under="raise" if "underflow" in kinds else "ignore"):
            step(*arguments)
    except FloatingPointError as error:
        if not any(kind in str(error) for kind in kinds):  # e.g. an overflow, or a pole (log 0, 1/0): a divergence
            return None
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<symopt-generated")]
        line = _statement(frames[-1].filename, frames[-1].lineno) if frames else ""
        where = f" (generated {'lines' if '; ' in line else 'line'}: {line})" if line else ""
        return f"NumPy reports {str(error).replace('encountered in', 'in')}{where}"
    return None


#: The array a generated line writes: ``t0`` of ``t0 = ...``, ``t0 += ...`` or ``numpy.sqrt(t0, out=t0)``.
_WRITTEN = re.compile(r"^(\w+) [-+*/]?= |, out=(\w+)\)$")


def _statement(filename: str, number: int) -> str:
    """Generated line ``number``, with the lines before it that compute the same array in place from its
    assignment (``t0 = X @ W; numpy.sqrt(t0, out=t0)``: :func:`symopt.in_place.fresh_product_lines`)."""
    lines = [linecache.getline(filename, number).strip()]
    target = _written(lines[0])
    while target and not lines[0].startswith(f"{target} = ") and number > 1:
        number -= 1
        previous = linecache.getline(filename, number).strip()
        if _written(previous) != target:
            break
        lines.insert(0, previous)
    return "; ".join(lines)


def _written(line: str) -> str | None:
    match = _WRITTEN.search(line)
    return match and (match.group(1) or match.group(2))


def _outside_lambdas(node) -> tuple:
    return () if isinstance(node, sympy.Lambda) else arguments(node)


def _gap(node, values: dict):
    """``(index, argument)`` of the first entry where the elementwise ``Piecewise`` map ``node`` is NaN although its
    argument is finite, or ``(None, None)``."""
    inner = np.asarray(evaluate_as_fed(node.expr, values), dtype=float)
    outer = np.asarray(evaluate_as_fed(node, values), dtype=float)
    holes = np.argwhere(np.isnan(outer) & np.isfinite(inner))
    if not len(holes):
        return None, None
    index = tuple(int(i) for i in holes[0])
    return index, inner[index]


def piecewise_culprit(cost, values: dict) -> str | None:
    """The first ``Piecewise`` of an array cost (a scalar one, or the body of an elementwise map such as
    ``Z.applyfunc(lambda z: Piecewise(...))``) that is NaN at ``values`` because none of its conditions holds,
    described for a message; ``None`` when there is none.  NumPy raises no floating-point error there (the
    generated ``select`` takes its default, NaN), so :func:`numpy_culprit` cannot see it."""
    for node in postorder([cost], _outside_lambdas):
        try:
            if isinstance(node, ElementwiseApplyFunction) and contains(node.function, sympy.Piecewise):
                index, argument = _gap(node, values)
                if index is not None:
                    variable, body = lambda_parts(node.function)
                    variable, body = sympy.Symbol("z"), body.xreplace({variable: sympy.Symbol("z")})
                    return (f"{body} has no real value (no condition of the Piecewise holds) at entry {index} of "
                            f"its argument {node.expr}, where {variable} = {describe_value(argument)}")
            elif isinstance(node, sympy.Piecewise) and not is_matrix(node):
                branches = [evaluate_as_fed(pair.expr, values) for pair in node.args]
                if math.isnan(float(evaluate_as_fed(node, values))) and all(np.isfinite(b) for b in branches):
                    return f"{node} has no real value (none of its conditions holds)"
        except SymoptError:  # an input the run does not bind here: nothing to say about this node
            continue
    return None


def left_the_domain(cost, step, point: dict, data: dict, arguments: list, *, number: int, history, lr,
                    result=None, advice: str | None = None, trial: bool = False) -> DomainError | None:
    """A :class:`DomainError` when the cost became NaN (not :math:`\\pm\\infty`) at finite parameters and a
    subexpression has no real value there, else ``None`` (a divergence).

    ``point``: ``{parameter: value}`` where the cost was NaN, ``data`` the values the other inputs had there,
    ``arguments`` the compiled ``step``'s arguments at that point; ``number`` is the count of updates applied
    before it and ``history`` the recorded costs, the NaN last; ``result`` (the run so far) becomes the
    error's ``result``; ``advice`` replaces :data:`ADVICE` (a method with no learning rate); ``trial``: ``point``
    is a point a method tried (a line search's) without taking it, after ``number`` iterations."""
    if not len(history) or not math.isnan(history[-1]):
        return None
    if not all(np.all(np.isfinite(v)) for v in point.values()):
        return None
    culprit = _scalar_culprit(cost, {**point, **data})
    if culprit is None and any(np.ndim(v) > 0 for v in [*point.values(), *data.values()]):  # arrays (also 1 x 1)
        culprit = numpy_culprit(step, arguments) or piecewise_culprit(cost, {**point, **data})
    if culprit is None:
        return None
    where = point_words(point)
    before = f" (the cost was {history[-2]:.6g} one step before)" if len(history) > 1 and not trial else ""
    if trial:
        reached = f"after {number} iteration{'' if number == 1 else 's'} the method tried {where}"
    elif number:
        reached = f"after step {number} the parameters reached {where}"
    else:  # no step was taken: neither the learning rate nor a method's step is the cause
        reached, advice = f"at the starting point {where}", START_ADVICE
    advice = advice or ADVICE.format(lr="" if lr is None else f" than {lr}")
    kept = "" if result is None else " error.result holds the best parameters seen."
    error = DomainError(f"{reached}, where {culprit}{before}. {advice}{kept}")
    error.result = result
    return error
