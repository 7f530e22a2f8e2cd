r"""int64 (uint64) inputs past :math:`2^{53}` that a program would compute through float64 are refused before the run
(probe11 U16), never rounded silently.

symopt computes most integers as float64 numbers (docs/compat.md "Integers"); 64-bit ones stay in their own dtype
through the nodes that NumPy evaluates in integers (sums, products, ``numpy.mod``, ``numpy.floor_divide``,
transposes, slices, maxima, ``where``: :mod:`~symopt.compat.v1.wide_integer_ops`).  :func:`rounded_inputs` walks a
program's expressions once and finds each 64-bit input whose value meets a float on its way (a float64 ``ones``
matrix, a quotient, ``floor``, a product with a constant 0/1 matrix); :func:`check_wide_values` raises when such
an input's value in a run is past :math:`2^{53}`, where float64 would round it.

Each node class has a rule (:data:`RULES`): ``keeps`` (integer operands give an integer in their dtype), ``reads``
(the operands are only compared, counted or indexed: a comparison, ``argmax``, a one-hot row, TF1's own cast to a
float), ``select`` (a mask read, two operands kept), ``gathers`` (the values kept, the indices computed but only
read) and, for every other node, ``rounds``.  :func:`rounded_operands` gives the integer-valued operands that meet
a float (a JAX step computes them in float32: :mod:`~symopt.compat.v1.float_step_checks`).
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ... import functions
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, lambda_parts
from ...reductions import ArgMax, AsFloat, Equal, OneHot, ReduceMax, Reshape
from ...stable import Select
from ...symbols import BatchSize
from ...traversal import postorder
from .floor_mod import floor_divide, floor_mod
from .integer_wraps import in_int64, wrapped_integer
from .copy_nodes import Joined, Taken
from .gathered_rows import Gathered, KeptRows, KeptRowsScatter
from .kernel_functions import kernel_abs
from .top_k import TopKIndices, TopKValues
from .wide_integer_ops import LIMIT, rounds_in_float64

__all__ = ["rounded_inputs", "rounded_operands", "integer_inputs", "check_wide_values", "check_wide_literals",
           "first_past", "integer_names", "RULES"]

#: How each node class treats integer operands (a class not here ``rounds``: it computes in floats).
RULES = {
    sympy.Add: "keeps", sympy.Mul: "keeps", sympy.MatAdd: "keeps", sympy.MatMul: "keeps",
    sympy.HadamardProduct: "keeps", sympy.Transpose: "keeps", sympy.MatrixSlice: "keeps",
    sympy.matrices.expressions.matexpr.MatrixElement: "keeps", sympy.Tuple: "keeps",
    ElementSum: "keeps", ReduceMax: "keeps", Reshape: "keeps", TopKValues: "keeps", functions.stop_gradient: "keeps",
    functions.relu: "keeps", kernel_abs: "keeps", sympy.sign: "keeps", floor_mod: "keeps", floor_divide: "keeps",
    functions.step: "reads", Equal: "reads", ArgMax: "reads", TopKIndices: "reads", OneHot: "reads",
    AsFloat: "reads", Select: "select", wrapped_integer: "keeps", in_int64: "keeps", Joined: "keeps", Taken: "keeps",
    Gathered: "gathers", KeptRows: "gathers", KeptRowsScatter: "gathers",  # gathers copy the values (their
    # gradient, a scatter-add, sums: exact in integers too); the indices are only read
}

FLOAT = None  # a node's value is a float (its integer inputs, if any, already rounded or only read)


class Rounded(frozenset):
    """A float value computed from integer literals past :math:`2^{53}` (an int64 constant's digits), rounded on the
    way: they are lost where the value is a result, not where it is only compared (``x == big``, a tie test of
    ``tf.maximum(x, big)``, exact where the choice itself reads ``big``) (probe17 D10)."""


def _rule(node) -> str:
    """The node's rule: its class's ``integer_rule`` (a class this module cannot import, a TF1 schedule), else
    :data:`RULES`."""
    declared = getattr(type(node), "integer_rule", None)
    if declared is not None:
        return declared
    for kind in type(node).__mro__:
        if kind in RULES:
            return RULES[kind]
    if isinstance(node, (sympy.Pow, sympy.HadamardPower)):  # x**2 is a product; x**-1 a quotient
        exponent = node.args[1]
        return "keeps" if isinstance(exponent, sympy.Integer) and exponent >= 0 else "rounds"
    return "rounds"


def _leaf(node, wide: set, integers: set):
    """The value of a leaf: the 64-bit input it is (``{node}``), another exact integer (``frozenset()``), or
    ``FLOAT`` (float inputs, non-integer numbers, the float64 ``ones`` and constant matrices of the program)."""
    if node in wide or rounds_in_float64(node):  # a literal float64 rounds
        return frozenset({node})
    if isinstance(node, (sympy.Integer, BatchSize, sympy.core.symbol.Str)) or node in integers:
        return frozenset()
    return FLOAT


def _summing(matrix) -> bool:
    """Whether ``matrix`` is a factor that makes a product's all-ones factors sums and broadcasts when printed
    (``ones @ A`` is ``A.sum(axis=0)``), not a float64 ``ones`` matrix."""
    return getattr(matrix, "is_Matrix", False) and not isinstance(matrix, sympy.OneMatrix)


def _combined(node, operands: list, lost: dict):
    """The value of ``node`` from its operands ``(operand, value)``, noting in ``lost`` each input it rounds with
    the exact operands that carry it there."""
    rule = _rule(node)
    if isinstance(node, sympy.MatMul) and any(_summing(a) for a, _ in operands):
        operands = [(a, frozenset() if isinstance(a, sympy.OneMatrix) else value) for a, value in operands]
    if rule == "select":
        rule, operands = "keeps", operands[1:]  # the mask is only read
    if rule == "gathers":
        rule, operands = "keeps", operands[:1]  # the indices are only read
    if rule == "reads":
        return FLOAT
    exact = [(a, value) for a, value in operands if value is not FLOAT and not isinstance(value, Rounded)]
    if rule == "keeps" and len(exact) == len(operands):
        return frozenset().union(*(value for _, value in exact))
    literals = set()
    for operand, value in exact:
        for carried in value:
            if isinstance(carried, sympy.Integer):
                literals.add(carried)
            else:
                lost.setdefault(carried, []).append(operand)
    literals = frozenset(literals).union(*(value for _, value in operands if isinstance(value, Rounded)))
    return Rounded(literals) if literals else FLOAT


def _children(node) -> list:
    """A node's operands for the walk: an elementwise map's matrix only (its body is walked with the matrix's
    value), a gather's values and indices (computed, so walked; only read: the rule ``gathers``); a symbol's name
    and shape are no operands."""
    if isinstance(node, ElementwiseApplyFunction):
        return [node.expr]
    if isinstance(node, Gathered):
        return [node.params, node.args[2]]
    return [] if isinstance(node, sympy.MatrixSymbol) else list(node.args)


def _values(roots: list, wide: set, integers: set, lost: dict, bound: dict) -> dict:
    """The value (``frozenset`` of the exact 64-bit inputs it carries, or ``FLOAT``) of every node under ``roots``,
    by ``id``; ``bound`` gives the values of the lambda variables in scope."""
    values: dict = {}
    for node in postorder(roots, _children):
        operands = _children(node)
        if node in bound:
            values[id(node)] = bound[node]
        elif isinstance(node, ElementwiseApplyFunction):
            variable, body = lambda_parts(node.function)
            inner = _values([body], wide, integers, lost, {**bound, variable: values[id(node.expr)]})
            values[id(node)] = inner[id(body)]
            for carriers in lost.values():  # an operand of the body: the map of it over the matrix
                carriers[:] = [_mapped(operand, variable, node.expr) for operand in carriers]
        elif not operands:
            values[id(node)] = _leaf(node, wide, integers)
        else:
            values[id(node)] = _combined(node, [(a, values[id(a)]) for a in operands], lost)
    return values


def _mapped(operand, variable, matrix):
    """``operand`` of an elementwise map's body as a matrix expression: the map of it over ``matrix``."""
    if operand == variable:
        return matrix
    if variable in operand.free_symbols:
        return ElementwiseApplyFunction(sympy.Lambda(variable, operand), matrix)
    return operand


def _lost(expressions: list, wide: set, integers: set) -> dict:
    """Each input among ``wide`` that ``expressions`` compute through floats, and each integer literal that rounds
    in float64, with the exact operands that carry it there."""
    lost: dict = {}  # walked without wide inputs too: a literal past 2**53 is one
    roots = [e for e in expressions if isinstance(e, sympy.Basic)]
    values = _values(roots, wide, integers, lost, {})
    for root in roots:  # a result computed from a rounded literal
        for literal in values[id(root)] if isinstance(values[id(root)], Rounded) else ():
            lost.setdefault(literal, [])
    return lost


def rounded_inputs(expressions: list, wide: set, integers: set) -> list:
    """The 64-bit inputs among ``wide`` (symbols) whose values ``expressions`` compute through float64, and the
    integer literals past :math:`2^{53}` they do (an int64 scalar constant, ``tf.stack([big, 1])``); ``integers``
    are the other integer inputs (exact in float64)."""
    return sorted(_lost(expressions, wide, integers), key=str)


def rounded_operands(expressions: list, inputs: set) -> list:
    """The integer-valued operands (matrix expressions of the integer ``inputs``, exact in float64) that
    ``expressions`` compute through floats: ``ids + 1`` in ``ids + 1.0``, ``ids * c`` in ``floor(ids * c / 10)``."""
    operands = []
    for symbol, carriers in _lost(expressions, inputs, set()).items():
        operands += [operand for operand in carriers if operand not in operands]
    return operands


def check_wide_literals(inputs: list) -> list:
    """``inputs`` (from :func:`rounded_inputs`) without the integer literals, after raising for the first literal
    (past :math:`2^{53}`: always rounded) as :func:`check_wide_values` raises for a fed value."""
    literals = [value for value in inputs if isinstance(value, sympy.Integer)]
    if literals:
        check_wide_values([(literals[0], "an int64 constant")], [np.int64(int(literals[0]))],
                          "the run")
    return inputs


def _typed(graph) -> list:
    """``(symbol, dtype, name)`` of the graph's placeholders and variables."""
    typed = [(symbol, tensor.dtype, tensor.name) for symbol, tensor in graph.placeholders.items()]
    return typed + [(variable.expr, variable.dtype, variable.name) for variable in graph.variables]


def integer_names(graph) -> dict:
    """Every integer input of the graph (placeholders, variables, bound constants; of any width) by symbol, with
    its name."""
    names = {symbol: name for symbol, dtype, name in _typed(graph) if dtype.is_integer}
    names.update((symbol, str(symbol)) for symbol, array in graph.constants.items()
                 if getattr(array, "dtype", np.dtype(float)).kind in "iu")
    return names


def integer_inputs(graph) -> tuple[dict, set]:
    """The graph's 64-bit integer inputs (placeholders, variables, bound constants) by symbol with their names,
    and the symbols of its other integer inputs."""
    wide, integers = {}, set()
    for symbol, dtype, name in _typed(graph):
        if dtype.is_integer and dtype.max > LIMIT:
            wide[symbol] = name
        elif dtype.is_integer or dtype.name == "bool":  # bools are 0 / 1 in the program
            integers.add(symbol)
    for symbol, array in graph.constants.items():
        kind = getattr(array, "dtype", np.dtype(float))
        if kind.kind in "iu" and kind.itemsize == 8:
            wide[symbol] = str(symbol)
        elif kind.kind in "iub":
            integers.add(symbol)
    return wide, integers


def first_past(array: np.ndarray, limit: int, integers_only: bool = True):
    """The first entry of ``array`` past ``limit`` in magnitude (as an int), or None; an array of floats has none
    unless ``integers_only`` is false (the integer values a program computed as floats)."""
    if (integers_only and array.dtype.kind not in "iu") or array.size == 0 or \
            (array.max() <= limit and array.min() >= -limit):
        return None
    flat = array.reshape(-1)
    past = np.flatnonzero((flat > limit) | (flat < -limit))
    return int(flat[past[0]]) if past.size else None  # NaN entries compare false


def check_wide_values(inputs: list, values: list, reader: str) -> None:
    """Raise ``UnsupportedOperationError`` when one of ``inputs`` (``(symbol, name)`` pairs: 64-bit inputs that
    ``reader`` computes through float64) has a value past :math:`2^{53}` in ``values``, before anything runs."""
    for (symbol, name), value in zip(inputs, values):
        past = first_past(value if type(value) is np.ndarray else np.asarray(value), LIMIT)
        if past is None:
            continue
        raise UnsupportedOperationError(
            f"{name} holds {past}, past 2**53, and {reader} computes it through float64, which would round it (TF1 "
            "computes int64 exactly): symopt.compat.v1 keeps int64 exact in + - * (a number, a scalar tensor or an "
            "int64 constant added to a vector too), // and % by a constant, comparisons, maximum / minimum, where, "
            "abs, sign, reduce_sum / reduce_max / reduce_min, argmax, reshape, transpose, slices, tile, reverse, pad, "
            "stack, concat, gather and boolean_mask (not reduce_mean, a tensor divisor); compute the rest in NumPy "
            "before feeding (e.g. ids % n_buckets), or feed values within 2**53")
