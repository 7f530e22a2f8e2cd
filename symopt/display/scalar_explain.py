r"""``explain`` of a scalar cost: the first backward step on a parameter's chain that is 0, not finite or without a
real value, with its cause (a ReLU that is off, a saturated sigmoid or tanh, a factor that leaves float64's range)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ..forward_derivative import local_derivative
from ..errors import SymoptError
from ..functions import relu
from .backward import adjoint_symbol
from .code_numbers import pole_inside, singular
from .findings import TINY, Finding, scalar_status, status_of
from .glyphs import format_number, parameter_name
from .exact_numbers import beyond_float64, exactly, exponential_tower, rounded
from .infinite_inside import infinite_inside
from .kinks import curvature_beside, kink_at
from .notation import text as text_of
from .ordering import tree_size
from .numbers import bind_arrays, compiled_gradient
from .saturation import saturated_step
from .scalar_inputs import scalar_inputs, values_read
from .underflow_step import underflowed_step
from .scalar_loss import exact_gradient, fitted_logit, log_of_zero
from .at_values import program_dtype
from .values import evaluate

__all__ = ["scalar_findings", "generated_gradients", "with_initial_values"]

def _bad(number) -> str | None:
    """``"zero"``, ``"not finite"`` or ``"no real value"`` (``iπ``, from ``log(w)`` at ``w = -1``: NaN in the
    generated code) for an exact or floating SymPy number, else None; an array (a step of a scalar parameter with
    batch data, ``X·w - y``) is ``"not finite"`` where an entry is, ``"zero"`` where every entry is 0."""
    if isinstance(number, (np.ndarray, np.generic)):
        array = np.asarray(number, dtype=float)
        if not np.isfinite(array).all():
            return "not finite"
        return "zero" if not array.any() else None
    if number.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not number.is_number:
        return "not finite"
    try:
        value_ = complex(number)
    except TypeError:  # a number SymPy leaves unevaluated, log_where_nonzero(0, 0) of 0^w at w = 0: undefined
        return "not finite"
    if not np.isfinite(value_):
        return "not finite"
    if value_.imag != 0:
        return "no real value"
    return "zero" if value_ == 0 else None


#: How a backward step that is bad in each way is described.
BAD_STEP = {"zero": "is 0 here", "not finite": "is not finite here",
            "no real value": "has no real value here (NaN in the generated code)"}


def _no_real_value(derivation, wrt) -> list | None:
    """Where the cost has no real value (``log(x)`` at ``x = -1`` is ``iπ``): the first step without one, for every
    parameter (the derivation shows no slope there, and NumPy's numbers of the gradient mean nothing); else None.
    A step without a real value in a branch the cost does not take (the signed square root's ``√(-w)`` at
    ``w = 1``) leaves the cost real: None."""
    if derivation.matrix:  # arrays from NumPy (batch data): a value without a real number is NaN there
        return _first_not_finite(derivation, wrt)
    cost = sympy.sympify(derivation.numbers[derivation.forward.output.symbol])
    if _bad(cost) != "no real value" and cost is not sympy.nan:  # |log(-w)|: NaN in the code, from log(-1) = iπ
        return None
    for step in derivation.forward.steps:
        number = sympy.sympify(derivation.numbers[step.symbol])
        if number.is_extended_real is False and number.is_finite:
            shown = f"{text_of(step.symbol)} = {text_of(step.expression)}"
            values = values_read(step.expression, derivation.numbers)
            cause = ("no real value", f"{shown} has no real value at {values}, so neither has the cost")
            return [Finding(parameter_name(symbol), "no real value", "undefined: the cost has no real value here",
                            (cause,), shown) for symbol in wrt]
    return None


def _first_not_finite(derivation, wrt) -> list | None:
    """Where the cost's array is NaN or ∞: the first step whose array is not finite, for every parameter (the
    derivation then shows no slope); else None."""
    if np.isfinite(derivation.numbers[derivation.forward.output.symbol]).all():
        return None
    for step in derivation.forward.steps:
        bad = ~np.isfinite(np.asarray(derivation.numbers[step.symbol], dtype=float))
        if bad.any():
            shown = f"{text_of(step.symbol)} = {text_of(step.expression)}"
            cause = ("not finite", f"{shown} is not finite (NaN or ∞) in {int(bad.sum())} of {bad.size} entries here, "
                                   "so neither is the cost")
            undefined = "undefined: the cost is not finite here"
            return [Finding(parameter_name(symbol), "not finite", undefined, (cause,), shown) for symbol in wrt]
    return None


def generated_gradients(cost, derivation, point: Mapping, wrt) -> dict:
    """``{parameter: gradient}`` from the generated code at ``point`` (the values ``derive`` was given: a matrix
    whose entries the cost reads, ``x[0, 0]``, as its array; given entry by entry, the array of the derivation's
    numbers); ``{}`` where a value is not a real number (the derivation then says why)."""
    try:
        arrays = bind_arrays(cost, {**_entry_arrays(point, derivation.bound),
                                    **{k: v for k, v in point.items() if not isinstance(k, MatrixElement)}})
    except (TypeError, ValueError):
        return {}
    return compiled_gradient(cost, wrt, arrays)[1]


def _entry_arrays(point: Mapping, bound: dict) -> dict:
    """``{matrix: array}`` for each matrix ``point`` gives entry by entry (``x[0, 0]: 1``), from the bound entries;
    an entry the cost does not read is NaN (the generated code reads only the others)."""
    given = {key.parent for key in point if isinstance(key, MatrixElement)}
    arrays = {}
    for matrix in given:
        entries = {(int(e.i), int(e.j)): float(v) for e, v in bound.items()
                   if isinstance(e, MatrixElement) and e.parent == matrix}
        shape = [int(d) if d.is_Integer else 1 + max((ij[axis] for ij in entries), default=0)
                 for axis, d in enumerate(matrix.shape)]
        arrays[matrix] = np.full(shape, np.nan)
        for (i, j), value in entries.items():
            arrays[matrix][i, j] = value
    return arrays


#: The cause given where the generated code's gradient is not finite and the exact one is (in the model's dtype).
OUT_OF_RANGE = ("out of {dtype}'s range", "the generated code's factors leave {dtype}'s range here (a factor that "
                "underflows to 0 times one that overflows, 0·∞, or ∞ - ∞), although the exact gradient is {exact}; "
                "a stable form of the cost (docs/numerics.md) avoids it")


def scalar_findings(derivation, wrt, generated: dict | None = None) -> list:
    """Scalar costs: the first backward step on the parameter's chain (output first) that is 0 or not finite;
    ``generated`` holds the generated code's gradients, which may be NaN where the exact number is not."""
    undefined = _no_real_value(derivation, wrt)
    if undefined is not None:
        return undefined
    findings = []
    for symbol in wrt:
        gradient = derivation.numbers[adjoint_symbol(symbol)]
        computed = (generated or {}).get(symbol)
        slope = f"d{text_of(derivation.forward.output.symbol)}/d{text_of(symbol)}"
        if _bad(gradient) == "no real value":  # the cost is real, its slope is not: w**x in x at w = -1
            status = "no real value"
            detail = "undefined: the gradient has no real value here (NaN in the generated code)"
        elif computed is not None and not np.all(np.isfinite(computed)) and _bad(gradient) != "not finite":
            status, detail = _signed_status(computed, f"the generated code's {slope}")
            dtype, exact = program_dtype(derivation.bound), exact_gradient(derivation, symbol)
            shown = format_number(gradient) if exact is None else beyond_float64(exact)  # -2.9e-345, 0 in float64
            cause = (OUT_OF_RANGE[0].format(dtype=dtype), OUT_OF_RANGE[1].format(dtype=dtype, exact=shown))
            findings.append(Finding(parameter_name(symbol), status, detail, (cause,), None))
            continue
        else:
            status, detail = _signed_status(gradient, slope)
            detail = _exact_where_rounded(derivation, symbol, slope, status, detail)
        causes, at = [], None
        if status == "not finite":
            causes, at = log_of_zero(derivation, symbol)
        if status == "not finite" and not causes:
            causes, at = _pole_inside(derivation, symbol)
        if status == "not finite" and not causes:
            causes, at = _overflow(derivation, symbol)
        if status == "zero":
            causes, at = _dead_relu(derivation, symbol)
        if status in ("zero", "vanishing") and not causes:
            causes, at = saturated_step(derivation, symbol, TINY)
        if status in ("zero", "vanishing") and not causes:
            causes, at = fitted_logit(derivation, symbol, TINY)
        if status == "zero" and not causes:
            causes, at = _stationary(derivation, symbol)
        if status != "fine" and not causes:
            for step in derivation.backward:
                forward = derivation.forward.step(step.node)
                if step.node != symbol and (forward is None or symbol not in forward.source.free_symbols):
                    continue
                kind = _bad(derivation.numbers[adjoint_symbol(step.node)])
                if kind is not None and not (kind == "zero" and status == "not finite"):  # a 0 is no cause of ∞
                    causes = [(kind, f"d{text_of(step.node)} {BAD_STEP[kind]}" + infinite_inside(step, derivation))]
                    at = f"d{text_of(step.node)} = {text_of(step.shown)}"
                    break
        findings.append(Finding(parameter_name(symbol), status, detail, tuple(causes), at))
    return findings


def _exact_where_rounded(derivation, symbol, slope: str, status: str, detail: str) -> str:
    """The status ``detail`` with the exact slope where float64's number is not it (:func:`~.exact_numbers.exactly`):
    ``zero: dJ/dw = 7.44015e-44 exactly, computed as 0`` (σ(wx) at w = 50, x = 2: 1 - σ(100) is 0 in float64),
    ``not finite: dJ/dw = -8.49671e-18 exactly, computed as NaN``; ``detail`` itself where the computed number is
    a normal float64 one or no exact finite slope is known (a pole's ∞)."""
    computed = np.asarray(_float_of(derivation.numbers[adjoint_symbol(symbol)]), dtype=float)
    if status == "fine" or computed.size != 1 or not rounded(computed.item()) \
            or exponential_tower(derivation.gradient[symbol]):
        return detail
    exact = exact_gradient(derivation, symbol)
    return detail if exact is None or exact.is_zero else f"{status}: {slope} = {exactly(computed.item(), exact)}"


def _float_of(number):
    """A derivation's number as float64 (NaN where it has no real value): an array as it is."""
    if isinstance(number, (np.ndarray, np.generic)):
        return number
    number = sympy.sympify(number)
    if number in (sympy.oo, -sympy.oo):
        return float(number)
    return np.nan if _bad(number) in ("not finite", "no real value") else float(complex(number).real)


def _signed_status(gradient, slope: str) -> tuple[str, str]:
    """``(status, detail)`` of a scalar parameter's gradient (an exact number, or the code's array of one entry),
    with its sign (``fine: dJ/dw = -4``, :func:`~.findings.scalar_status`); an array of several entries by entry."""
    if isinstance(gradient, (np.ndarray, np.generic)):
        array = np.asarray(gradient, dtype=float)
        return scalar_status(array.item(), slope, format_number(array.item())) if array.size == 1 else status_of(array)
    number = sympy.sympify(gradient)
    return scalar_status(_float_of(number), slope, format_number(number))


#: float64's smallest positive (subnormal) number: a nonzero value nearer 0 is 0 in the computation.
FLOAT_SMALLEST = float(np.finfo(np.float64).smallest_subnormal)
#: Slopes larger than this (tree nodes) get no second derivative: differentiating a deep one again grows steeply.
STATIONARY_LIMIT = 400

#: What the second derivative says of a stationary point, by its sign.
CURVATURE = {1: " > 0: a minimum along {w}", -1: " < 0: a maximum along {w}",
             0: ": it does not decide between a minimum, a maximum and neither along {w}"}


def _underflows(exact: sympy.Expr, smallest: float = FLOAT_SMALLEST) -> bool:
    """Whether a nonzero exact slope is nearer 0 than ``smallest``, the model's dtype's smallest number
    (:data:`FLOAT_SMALLEST` in float64: ``3e-400``), so the code makes it 0; ``2w - 2π`` at the float64 nearest π
    (``-2.4e-16``) is 0 only by rounding the point, a stationary point."""
    magnitude = abs(exact).evalf(5)
    return bool(magnitude.is_comparable) and bool(magnitude < smallest)


def _stationary(derivation, symbol) -> tuple:
    r"""``([cause], line)`` for a parameter whose slope is 0 here but changes with it (the lecture's
    ``dJ/dw = 2w - 10`` at ``w = 5``): a stationary point of ``J`` along it, with the sign of
    :math:`\partial^2 J/\partial w^2` there, and the chain-rule terms where they cancel (none of them 0);
    ``([], None)`` where the slope is 0 whatever the parameter (a factor that reads only other inputs, ``x = 0`` in
    ``wx``), or the numbers are arrays (batch data)."""
    numbers = derivation.numbers
    step = next((back for back in derivation.backward if back.node == symbol), None)
    if step is None or isinstance(numbers.get(symbol), np.ndarray):
        return [], None
    slope = step.in_inputs
    if tree_size(slope, STATIONARY_LIMIT) > STATIONARY_LIMIT:  # its second derivative could take seconds
        return [], None
    others = {s: numbers[s] for s in scalar_inputs(slope) if s in numbers and s != symbol}
    if any(_bad(sympy.sympify(number)) not in (None, "zero") for number in [*others.values(), numbers[symbol]]):
        return [], None  # NaN data (comparisons with NaN raise) or a value without a real number: no curvature
    try:
        moves = symbol in slope.xreplace(others).free_symbols
    except (TypeError, ValueError):  # SymPy cannot compare with these numbers (max(w, 1/x) at x = 0: zoo ≥ w)
        return [], None
    if not moves:
        return [], None
    point = {**others, symbol: numbers[symbol]}
    w, cost = text_of(symbol), text_of(derivation.forward.output.symbol)
    try:  # SymPy's floats have no smallest number: 3w² at w = 1e-200 is 3e-400, not 0
        exact = slope.xreplace(point)
    except (TypeError, ValueError, ArithmeticError):  # mpmath's erfc(1e300) overflows: no exact slope to name
        exact = sympy.nan
    dtype = program_dtype(derivation.bound)  # float32's smallest is 1.4e-45: exp(-w) at 110 is no minimum (47d-11)
    smallest = float(np.finfo(dtype).smallest_subnormal)
    if exact.is_number and exact.is_zero is False and exact.is_finite and _underflows(exact, smallest):
        return [("underflow", f"d{cost}/d{w} = {text_of(slope)} = {beyond_float64(exact)} at {w} = "
                              f"{format_number(numbers[symbol])}, nearer 0 than {dtype}'s smallest number "
                              f"({smallest:{'.0e' if dtype == 'float64' else '.2g'}}), so "
                              f"it is 0 in the computation; {cost} is not flat along {w} here")], \
            f"d{w} = {text_of(step.value)}"
    if exact.is_number and exact.is_zero is False and exact.is_finite:  # 0 in the code only: no stationary point
        causes, line = underflowed_step(derivation, symbol, exact, dtype)
        if causes:
            return causes, line
    flat = f"d{cost}/d{w} = {text_of(slope)} is 0 at {w} = {format_number(numbers[symbol])}"
    try:  # symopt's rules, as grad's (the slope of floor and sign is 0), never SymPy's diff
        second = local_derivative(slope, symbol)
    except SymoptError:
        second = None
    kink = kink_at(slope, second, symbol, point)
    if kink is not None:  # |w| at 0, a tie of max: no second derivative (SymPy's diff: DiracDelta, Heaviside(0))
        return [("kink", f"{flat}, where {kink}: d²{cost}/d{w}² does not exist here, so it does not decide "
                         f"between a minimum, a maximum and neither along {w}")], f"d{w} = {text_of(step.value)}"
    if second is None:
        return [], None
    curvature = evaluate(second, point)
    beside = curvature_beside(slope, second, symbol, point)  # relu(w)² + relu(-w)² at 0: 2, not the tie's masks
    curvature = curvature if beside is None else beside
    if not (curvature.is_number and curvature.is_extended_real and curvature.is_finite):
        return [], None
    parts = [numbers[adjoint_symbol(term.consumer.symbol)] * term.local.xreplace(numbers) for term in step.terms]
    cancel = len(parts) > 1 and all(_bad(sympy.sympify(part)) is None for part in parts)
    terms = ", ".join(format_number(part) for part in parts)
    sign = 0 if curvature.is_zero else (1 if curvature > 0 else -1)  # -0.0 (-6w at w = 0) is 0, not < 0
    message = (flat + (f" (its chain-rule terms {terms} cancel)" if cancel else "")
               + f": {cost} is flat along {w} here; d²{cost}/d{w}² = {format_number(abs(curvature) if sign == 0 else curvature)}"
               + CURVATURE[sign].format(w=w))
    return [("stationary point", message)], f"d{w} = {text_of(step.value)}"


def _overflow(derivation, symbol) -> tuple:
    """``([cause], line)`` for the first step on the parameter's chain whose value is ±∞ though every value it reads
    is finite: it left the model's dtype's range (``exp(w)`` at ``w = 100`` is 2.7e43, past float32's 3.4e38), named
    with its float64 value where that is finite; ``([], None)`` when there is none."""
    dtype, numbers = program_dtype(derivation.bound), derivation.numbers
    for step in derivation.forward.steps:
        value = sympy.sympify(numbers[step.symbol])
        if symbol not in step.source.free_symbols or value not in (sympy.oo, -sympy.oo):
            continue
        inputs = {s: numbers[s] for s in sorted(scalar_inputs(step.expression), key=str) if s in numbers}
        if singular(inputs.values()):  # it reads an ∞: the overflow is further up
            continue
        wide = evaluate(step.expression, inputs)  # float64
        try:
            exact = wide if wide.is_finite else step.expression.xreplace(inputs)
            overflows = exact.is_number and exact.is_extended_real and exact.is_finite  # not a pole (log 0, 1/0)
        except (TypeError, ValueError):  # a comparison SymPy cannot decide with these numbers: no size to name
            continue
        if not overflows:
            continue
        shown = f"{text_of(step.symbol)} = {text_of(step.expression)}"
        at = values_read(step.expression, numbers)
        largest = format_number(float(np.finfo(dtype).max))
        message = (f"{shown} is {beyond_float64(exact.evalf())} at {at}, more than {dtype}'s largest number "
                   f"{largest}, so it is {format_number(value)} in the generated code"
                   + ("; in float64 it is finite (dtype='float64')" if wide.is_finite and dtype != "float64" else ""))
        return [(f"out of {dtype}'s range", message)], shown
    return [], None


def _pole_inside(derivation, symbol) -> tuple:
    """``([cause], line)`` for the first step on the parameter's chain with a value inside it that is ±∞ or NaN
    (``1/w = ∞`` in ``u = atan(1/w)`` at w = 0): the step's value may be finite, but the code's slope of it computes
    with that value (0·∞, ∞/∞), so it is not finite; ``([], None)`` when there is none, or when a step's own value
    is not finite (the backward lines then show where)."""
    if singular(derivation.numbers[step.symbol] for step in derivation.forward.steps):
        return [], None
    found = pole_inside([step for step in derivation.forward.steps if symbol in step.source.free_symbols],
                        derivation.numbers)
    if found is None:
        return [], None
    step, inner, number = found
    shown = f"{text_of(step.symbol)} = {text_of(step.expression)}"
    message = (f"{text_of(inner)} = {format_number(number)} inside {shown} here: the generated code's slope of the "
               "step computes with it (0·∞, ∞/∞ or ∞ - ∞), so it is not finite")
    return [("pole", message)], shown


def with_initial_values(point: Mapping, inputs) -> dict:
    """``point`` and the initial value of every variable in ``inputs`` it does not give (by symbol or by name)."""
    point = dict(point)
    given = {key if isinstance(key, str) else str(getattr(key, "name", key)) for key in point}
    for symbol in inputs:
        if hasattr(symbol, "init") and str(symbol.name) not in given:
            point[symbol] = symbol.init
            given.add(str(symbol.name))
    return point


def _dead_relu(derivation, symbol) -> tuple:
    """``([cause], line)`` for the first ``relu(v)`` on the parameter's chain (output first) with ``v < 0`` here, or
    ``v = 0`` under a nonzero slope of the cost in relu's value: relu is off, so its value and its derivative
    ``step(v)`` are 0; ``([], None)`` when there is none.  At its kink ``v = 0`` under a zero slope (``w² + relu(w)²``
    at its minimum ``w = 0``) relu's derivative is no cause: the slope is 0 whatever it is (probe92 P92-5)."""
    for forward in reversed(derivation.forward.steps):
        if not isinstance(forward.expression, relu) or symbol not in forward.source.free_symbols:
            continue
        argument = forward.expression.args[0]
        number = argument.xreplace(derivation.numbers)
        if not (number.is_number and number <= 0) or number.is_zero and sympy.sympify(
                derivation.numbers.get(adjoint_symbol(forward.symbol))).is_zero is True:
            continue
        where = next((b for b in derivation.backward if any(t.consumer is forward for t in b.terms)), None)
        inputs = derivation.forward.in_inputs(argument)
        shown = text_of(argument) + (f" = {text_of(inputs)}" if inputs != argument else "")
        message = (f"{shown} = {format_number(number)} ≤ 0, so relu is off: {text_of(forward.symbol)} = "
                   f"{text_of(forward.expression)} = 0 and its derivative step({text_of(argument)}) = 0")
        line = f"d{text_of(where.node)} = {text_of(where.shown)}" if where is not None else None
        return [("dead ReLU", message)], line
    return [], None
