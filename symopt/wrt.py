r"""What is differentiated, with respect to what: the checks ``grad``, ``compile`` and ``minimize`` share.

* :func:`scalar_cost` — the cost as a real scalar SymPy expression :math:`J`; a :math:`1\times 1`
  matrix becomes :math:`\sum_{ij} A_{ij}`; a matrix, a scalar function of a whole matrix
  (``sympy.exp(W)``) or a complex constant (``I``) is refused.
* :func:`resolve_wrt` — ``wrt`` (a symbol, a name, a list, a tuple or a dict ``{symbol: value}``)
  with names resolved against the cost's symbols; a parameter the cost does not contain is a
  :class:`~symopt.errors.NoGradientError`, never a silent zero gradient.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean
from sympy.matrices import MatrixBase
from sympy.tensor.array import NDimArray

from .cache import BoundedCache
from .compat_hints import PARAMETER, expression_advice, with_compat_advice
from .errors import ConfigurationError, NoGradientError, ShapeError, UnsupportedOperationError
from .expression_holders import refuse_expression_holder
from .matrix_checks import check_substituted_sums
from .matrix_shapes import short
from .nodes import ElementSum, is_zero
from .symbols import BATCH, is_matrix
from .traversal import free_symbols, postorder, unique_nodes
from .wrt_messages import absent_error, absent_message

__all__ = ["interval_error", "CHECKED", "scalar_cost", "refuse_condition", "refuse_collapsed_cost",
           "refuse_unordered", "resolve_wrt", "resolve_names", "check_real", "check_inputs",
           "flatten", "restructure", "declared_promise", "check_dimensions"]

#: Assumptions a trainable parameter may carry: those of ``Symbol(name, real=True)`` (a gradient
#: step can move a parameter to any real value, so ``positive``, ``integer``, ... would be broken promises).
_REAL_ASSUMPTIONS = sympy.Symbol("x", real=True).assumptions0

#: Scalar operations that SymPy lets take a whole matrix as an argument (``exp(W)``, ``sigmoid(W)``).
_SCALAR_OPERATIONS = (sympy.Function, sympy.Add, sympy.Mul, sympy.Pow)


#: Costs :func:`scalar_cost` has accepted, keyed on ``(type, cost)``: a repeated call (``minimize`` in a loop, then
#: ``compile_step``) skips the walk over the expression.
CHECKED = BoundedCache()


def scalar_cost(cost: Any) -> sympy.Expr:
    """The cost as a real scalar expression, or a typed error that says how to reduce it (cached: :data:`CHECKED`)."""
    if isinstance(cost, (MatrixBase, np.ndarray, NDimArray)):
        index = (" A sympy.Array is no scalar either, even of rank 0 or with one entry: index it (arr[()] for "
                 "sympy.Array(w**2), arr[0] for sympy.Array([w**2]))." if isinstance(cost, NDimArray) else "")
        raise ShapeError(f"expected a scalar cost; given a {type(cost).__name__} of shape {np.shape(cost)}. "
                         "Build the cost from symopt symbols and reduce it with symopt.ops.sum or symopt.ops.mean."
                         + index)
    if isinstance(cost, (tuple, list, dict, set, sympy.Tuple)):
        raise ConfigurationError(
            f"expected one scalar cost; given a {type(cost).__name__} of {len(cost)} expressions. symopt differentiates "
            "and trains one cost: write their sum (cost + penalty) to minimize both, or compile each cost on its own; "
            "for the values of several expressions use symopt.evaluate((cost, accuracy), data)")
    refuse_expression_holder(cost)
    if isinstance(cost, sympy.Basic):
        return CHECKED.get_or_build((type(cost), cost), lambda: _scalar_cost(cost))
    return _scalar_cost(cost)


def _scalar_cost(cost: Any) -> sympy.Expr:
    try:
        cost = sympy.sympify(cost, strict=True)  # strict: a string is never parsed (parsing evaluates it)
    except sympy.SympifyError:
        raise ConfigurationError(
            f"expected a cost built from SymPy or symopt symbols; given {type(cost).__name__} {short(cost, 80)!r}. "
            f"{expression_advice(cost)}.") from None
    refuse_condition(cost)
    check_substituted_sums([cost])  # cost.xreplace({y: y6}) rebuilt a sum of m beside 6 rows unchecked
    if is_matrix(cost):
        if tuple(cost.shape) != (1, 1):
            raise ShapeError(f"expected a scalar cost; given a matrix of shape {tuple(cost.shape)}. "
                             "Reduce it first with symopt.ops.sum or symopt.ops.mean.")
        cost = ElementSum(cost)
    for node in unique_nodes([cost]):
        if isinstance(node, _SCALAR_OPERATIONS) and not is_matrix(node):
            matrix = next((a for a in node.args if is_matrix(a)), None)
            if matrix is not None:
                name = getattr(node.func, "__name__", type(node).__name__)
                raise ShapeError(
                    f"{name}({matrix}) is not a scalar: SymPy applies {name} to the matrix {matrix} as a whole, "
                    f"so the cost is a matrix of shape {tuple(matrix.shape)}. For {name} of every entry use "
                    f"symopt.ops.{name}({matrix}) (or {matrix}.applyfunc({name})), then reduce to a scalar with "
                    "symopt.ops.sum or symopt.ops.mean.")
    check_real([cost], "the cost")
    return cost


def refuse_collapsed_cost(cost) -> None:
    """A ConfigurationError for a cost SymPy collapsed to ``nan`` or an infinity when it was built (``w**2 + nan``
    is ``nan``, ``w**2 + oo`` is ``oo``): it depends on nothing any more, which is not the user's cost (probe23
    P23-5, final33 F33-1: compile, derive, explain and graph all say so)."""
    if cost in (sympy.nan, sympy.oo, -sympy.oo, sympy.zoo):
        raise ConfigurationError(f"the cost is {cost}: {'a NaN' if cost is sympy.nan else 'an infinite'} constant in "
                                 "it made SymPy drop the rest when the cost was built (w**2 + nan is nan, w**2 + oo "
                                 "is oo); remove that constant, or replace it by the finite number you mean")


def refuse_condition(expr) -> None:
    """An UnsupportedOperationError for a condition (``Eq(w, 1)``, ``w > 1``, ``sympy.true``) given where a number is
    expected: a condition is no constant cost."""
    if isinstance(expr, Boolean) and not isinstance(expr, sympy.Symbol):  # SymPy's symbols are Booleans too
        raise UnsupportedOperationError(
            f"expected a cost (a number); given the condition {expr}, which is True or False: symopt draws, "
            "differentiates and compiles numbers. For a 0/1 indicator write sympy.Piecewise((1, condition), "
            "(0, True)); for a penalty on the condition, a number such as (lhs - rhs)**2")


def check_dimensions(matrix: sympy.MatrixSymbol) -> None:
    """A symbolic dimension is symopt's batch dimension :data:`~symopt.symbols.BATCH` (read from the fed arrays);
    ``MatrixSymbol("X", n, 3)`` is refused naming it (symopt would ask for ``n`` and could not use it)."""
    for size in matrix.shape:
        other = sorted(map(str, sympy.sympify(size).free_symbols - {BATCH}))
        if other:
            same_name = (" (a Symbol('m') of your own is another symbol than symopt.BATCH, even with integer=True, "
                         "positive=True)" if "m" in other else "")
            raise ShapeError(
                f"{matrix.name} has the symbolic dimension {size} (shape {tuple(matrix.shape)}){same_name}: symopt's "
                "one symbolic dimension is the batch dimension symopt.BATCH, read from the fed arrays. Declare "
                f"symopt.Placeholder({str(matrix.name)!r}, {tuple(None if d == size else d for d in matrix.shape)}) "
                f"or sympy.MatrixSymbol({str(matrix.name)!r}, ...) with symopt.BATCH for {size}, and divide by "
                "symopt.BATCH (or use symopt.ops.mean) for the number of rows.")


def check_real(expressions, what: str = "the expression") -> None:
    """Refuse the imaginary unit: symopt computes with real numbers (``(w + I)**2`` would be complex); a number
    that is not real without it (SymPy's ``(-8)**(1/3)`` is ``2*(-1)**(1/3)``, whose principal value is
    ``1 + 1.732j``; ``asin(2)``; probe33 P33-2); and a symbolic dimension other than the batch dimension
    (:func:`check_dimensions`)."""
    for expression in expressions:
        refuse_expression_holder(expression, "an expression")
    numeric: dict[int, bool] = {}  # by node, children first: SymPy's is_number recurses (a 1500-deep chain)
    for node in postorder(expressions):
        numeric[id(node)] = _numeric(node, numeric)
        if isinstance(node, sympy.MatrixSymbol):
            check_dimensions(node)
        if isinstance(node, sympy.AccumBounds):
            raise interval_error(node, expressions[0])
        if node is sympy.I or node is sympy.zoo:
            raise ConfigurationError(
                f"{what} contains the constant {node} (in {short(expressions[0], 80)}): symopt computes with real "
                "numbers only, and a complex value would be silently wrong. Rewrite it with real operations "
                "(e.g. take sympy.re/sympy.im by hand, or keep the argument of sqrt/log/** positive).")
        if numeric[id(node)] and _complex_number(node):
            raise ConfigurationError(
                f"expected real constants; given {short(node, 60)} in {what} (in {short(expressions[0], 80)}), "
                f"which is not a real number: its value is {sympy.N(node, 6)} (SymPy's principal value of a "
                "fractional power of a negative number is complex, as asin(2) is). symopt computes with real numbers "
                "only, and a complex value would be silently wrong. For the real root write sympy.real_root(-8, 3) "
                "(which is -2), or write the real number you mean.")


def interval_error(interval, cost) -> UnsupportedOperationError:
    """The refusal of SymPy's interval ``AccumBounds`` in ``cost`` (from ``sin(oo)``, a limit with no single value,
    or written): its value and gradient would be intervals, not numbers (probe49 P49-6)."""
    return UnsupportedOperationError(
        f"expected a cost with a number at every point; given one holding SymPy's interval {short(interval, 60)} "
        f"(in {short(cost, 80)}): SymPy writes a value with no single limit so (sin(oo), the limit of an "
        "oscillating function), and its gradient would be an interval, not a number. "
        "Replace the interval with the number you mean.")


def _numeric(node, numeric: dict) -> bool:
    """Whether ``node`` is a scalar without symbols, from its operands' answers in ``numeric``."""
    if not isinstance(node, sympy.Expr) or getattr(node, "is_Matrix", False):
        return False
    if not node.args:
        return bool(node.is_number)
    return all(numeric.get(id(arg), False) for arg in node.args)


def _complex_number(node) -> bool:
    """A power or function of numbers (:func:`_numeric`) that has no real value (``(-1)**(1/3)``, ``asin(2)``), as
    the CLI's parser refuses it."""
    return isinstance(node, (sympy.Pow, sympy.Function)) and node.is_extended_real is False


#: Functions that are flat almost everywhere: a cost that reaches a parameter only through them has a zero gradient.
FLAT_FUNCTIONS = (sympy.floor, sympy.ceiling, sympy.sign, sympy.Heaviside, sympy.frac)


def check_trainable_gradients(cost, parameters, gradients) -> None:
    """Refuse parameters whose symbolic gradient is identically zero (an optimizer would return them unchanged and
    call it success); the message names the flat functions the cost reaches them through."""
    flat = [str(p) for p, g in zip(parameters, gradients) if is_zero(g)]
    if not flat:
        return
    functions = sorted({type(node).__name__ for node in unique_nodes([cost]) if isinstance(node, FLAT_FUNCTIONS)})
    them = "it" if len(flat) == 1 else "them"
    through = f" (the cost reaches {them} only through {', '.join(functions)}, flat almost everywhere)" if functions else ""
    raise NoGradientError(
        f"the gradient of the cost with respect to {', '.join(flat)} is identically zero{through}, so no optimizer "
        f"can change {them}. Use a smooth surrogate (sigmoid for a step, a hinge or logistic loss for a 0-1 loss, "
        "w itself for floor(w)), or drop them from wrt.")


def refuse_unordered(wrt: Any) -> None:
    """A ``wrt`` that is a set (no order: its order is the hash order, which varies between runs), a sympy Matrix or
    an array is refused naming it and the list to write instead; one function for grad, compile, minimize, hessian,
    derive and explain (probe52 P52-5)."""
    if isinstance(wrt, (MatrixBase, np.ndarray, set, frozenset)):
        kind = "a sympy Matrix" if isinstance(wrt, MatrixBase) else f"a {type(wrt).__name__}"
        raise ConfigurationError(
            f"wrt: expected a symbol, a name, a list or tuple of them, or a dict {{symbol: initial value}}; "
            f"given {kind} ({short(wrt, 80)}). Pass its entries as a list, e.g. wrt=list(...), in the order the "
            "gradients should come back.")


def resolve_wrt(cost: sympy.Expr, wrt: Any) -> tuple[Any, list]:
    """``(wrt with names replaced by the cost's symbols, the flat list of parameters)``.

    ``cost`` must already be a scalar (see :func:`scalar_cost`).  Refused: an empty ``wrt``, an entry
    that is not a symbol or a name, a parameter listed twice, SymPy assumptions a parameter can leave
    (``positive=True``, ``integer=True``, ...), and any parameter the cost does not contain.
    """
    refuse_unordered(wrt)
    entries = list(wrt) if isinstance(wrt, (dict, list, tuple)) else [wrt]
    if not entries:
        raise ConfigurationError("wrt is empty: give at least one parameter to differentiate with respect to")
    present = free_symbols([cost]) - {BATCH}
    by_name = _by_name(present)
    parameters = [_resolve_entry(entry, by_name, present) for entry in entries]
    seen = set()
    for parameter in parameters:
        if parameter in seen:
            raise ConfigurationError(f"wrt lists {parameter} twice; list each parameter once")
        seen.add(parameter)
        _check_assumptions(parameter)
    refuse_collapsed_cost(cost)
    if not present:
        raise NoGradientError(f"the cost {short(cost, 80)} is a constant: it depends on no symbol, so every gradient "
                              "is identically zero. Write the cost in terms of the parameters in wrt.")
    absent = [p for p in parameters if p not in present]
    if absent:
        raise absent_error(absent, by_name, parameters, isinstance(wrt, Mapping))
    return _same_structure(wrt, entries, parameters), parameters


def resolve_names(expressions, wrt) -> list:
    """``wrt`` (a symbol, a name, a list or tuple of them, or a dict keyed by them) as a list of symbols, each name
    replaced by the symbol of that name in ``expressions`` (``hessian(J, ["a", "b"])`` means what
    ``grad(J, ["a", "b"])`` means); a name no symbol has, or two symbols share, is refused as in :func:`resolve_wrt`.
    Symbols are kept as given; a set is refused (:func:`refuse_unordered`)."""
    refuse_unordered(wrt)
    entries = list(wrt) if isinstance(wrt, (list, tuple, dict)) else [wrt]
    if not any(isinstance(entry, str) for entry in entries):
        return entries
    present = free_symbols(list(expressions)) - {BATCH}
    by_name = _by_name(present)
    return [_resolve_entry(entry, by_name, present) if isinstance(entry, str) else entry for entry in entries]


def _by_name(symbols) -> dict[str, list]:
    """``{name: [the symbols of that name]}``."""
    by_name: dict[str, list] = {}
    for symbol in sorted(symbols, key=str):
        by_name.setdefault(str(symbol), []).append(symbol)
    return by_name


def check_inputs(inputs, parameters: list, others: list) -> list:
    """The ``inputs=`` order given to ``compile``: symbols (or the names of the cost's ``others``, as ``wrt`` takes
    names), each once, none of them a parameter."""
    if isinstance(inputs, (str, sympy.Basic)):
        raise ConfigurationError(f"inputs: expected a list of placeholders (or their names); given {inputs!r}. "
                                 f"Write inputs=[{inputs}]")
    if isinstance(inputs, Mapping) or not isinstance(inputs, Iterable):
        raise ConfigurationError(f"inputs: expected a list of placeholders (or their names) in the order the "
                                 f"function takes them; given {type(inputs).__name__} {inputs!r}")
    inputs = list(inputs)  # a generator is read once
    by_name = {}
    for symbol in list(parameters) + list(others):  # a parameter's name too: refused below as a parameter
        by_name.setdefault(str(symbol), []).append(symbol)
    inputs = [_input_named(entry, by_name) if isinstance(entry, str) else entry for entry in inputs]
    for symbol in inputs:
        if not isinstance(symbol, (sympy.Symbol, sympy.MatrixSymbol)):
            raise ConfigurationError(f"inputs: expected symbols (placeholders) or their names; given {symbol!r}")
    twice = sorted({str(s) for s in inputs if inputs.count(s) > 1})
    if twice:
        raise ConfigurationError(f"inputs lists {twice} more than once; list each input once")
    also_parameters = [str(s) for s in inputs if s in parameters]
    if also_parameters:
        raise ConfigurationError(f"inputs lists {also_parameters}, which wrt already lists as parameters; "
                                 "inputs= orders only the other inputs (the data), parameters come first")
    return inputs


def _input_named(name: str, by_name: dict):
    """The cost's one data input called ``name``, for ``inputs=["x", "t"]``."""
    found = by_name.get(name, [])
    if len(found) != 1:
        problem = (f"the cost has {len(found)} different inputs of that name; pass the symbols themselves" if found
                   else f"the cost reads no input of that name (its inputs: {sorted(by_name) or 'none'})")
        raise ConfigurationError(f"inputs names {name!r}, but {problem}")
    return found[0]


def _resolve_entry(entry, by_name: dict, present: set):
    if isinstance(entry, str):
        found = by_name.get(entry, [])
        if not found:
            raise NoGradientError(f"wrt names {entry!r}, but the cost has no symbol of that name (its symbols: "
                                  f"{sorted(by_name) or 'none'}). " + absent_message(repr(entry)))
        if len(found) > 1:
            raise ConfigurationError(f"wrt names {entry!r}, but the cost has {len(found)} different symbols of that "
                                     "name; pass the symbol itself instead of its name")
        return found[0]
    if isinstance(entry, (sympy.Symbol, sympy.MatrixSymbol)) and entry != BATCH:
        return entry
    raise ConfigurationError(with_compat_advice(
        f"wrt: expected symbols (or their names); given {short(entry, 80)} ({type(entry).__name__}). Differentiate "
        "with respect to a symbol, e.g. a symopt.Variable, and build expressions from it", entry, PARAMETER)
        + ".")


#: A simplification SymPy makes under each assumption ({p}: the parameter), quoted in the refusal.
ASSUMPTION_EXAMPLES = {
    "positive": "sqrt({p}**2) and Abs({p}) become {p}",
    "nonnegative": "Max({p}, 0) and Abs({p}) become {p}",
    "negative": "Abs({p}) becomes -{p}",
    "nonpositive": "Min({p}, 0) becomes {p} and Abs({p}) becomes -{p}",
    "integer": "sin(pi*{p}) becomes 0",
    "even": "(-1)**{p} becomes 1",
    "odd": "(-1)**{p} becomes -1",
}


def declared_promise(symbol, extra: dict) -> tuple[str, str]:
    """``("positive=True", " (with positive=True, sqrt(s**2) and Abs(s) become s)")``: the assumptions ``symbol`` was
    declared with (``extra`` when SymPy kept no record) and the simplification SymPy makes under the first that has
    an example in :data:`ASSUMPTION_EXAMPLES` (empty when none has)."""
    given = getattr(symbol, "_assumptions_orig", None) or extra
    shown = ", ".join(f"{k}={v}" for k, v in sorted(given.items()))
    for assumption in given:
        if given[assumption] and assumption in ASSUMPTION_EXAMPLES:
            return shown, f" (with {assumption}=True, {ASSUMPTION_EXAMPLES[assumption].format(p=symbol)})"
    return shown, ""


def _check_assumptions(parameter) -> None:
    if is_matrix(parameter):
        return
    extra = {k: v for k, v in parameter.assumptions0.items() if _REAL_ASSUMPTIONS.get(k) != v}
    if extra:
        shown, example = declared_promise(parameter, extra)
        raise ConfigurationError(
            f"parameter {parameter} is declared with {shown}: SymPy simplifies with that promise"
            f"{example}, but gradient steps move a parameter to "
            f"any real value, so the cost would be silently wrong. Declare it sympy.Symbol({str(parameter)!r}, "
            f"real=True) or symopt.Variable({str(parameter)!r}, initial_value), and build the cost again.")


def _same_structure(wrt, entries: list, parameters: list):
    if isinstance(wrt, dict):
        return {parameter: wrt[entry] for entry, parameter in zip(entries, parameters)}
    if isinstance(wrt, tuple):
        return tuple(parameters)
    if isinstance(wrt, list):
        return parameters
    return parameters[0]


def flatten(wrt) -> list:
    """The parameters of ``wrt`` (a symbol, a list or tuple, a dict keyed by symbols) as a list, in order."""
    return list(wrt) if isinstance(wrt, (dict, list, tuple)) else [wrt]


def restructure(wrt, values: list):
    """``values`` (one per parameter, in :func:`flatten` order) in the structure of ``wrt``: a dict keyed
    like it, a tuple, a list, or the one value of a single symbol."""
    if isinstance(wrt, dict):
        return dict(zip(wrt, values))
    if isinstance(wrt, tuple):
        return tuple(values)
    if isinstance(wrt, list):
        return values
    return values[0]
