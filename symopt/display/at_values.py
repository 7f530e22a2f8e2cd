r"""The values a display is given at a point (``at={w: 1.0, x: [[1], [-10], [25]]}``), bound to the cost's inputs.

Keys are symbols or names; a number is kept exact where it is a Python integer (:math:`J = 33`, not ``33.0000``),
a matrix input takes its entries from the array bound to it (``x[0,0]``), a ``symopt.Variable`` not given takes its
initial value, and :math:`m` is counted from the rows fed, as :func:`symopt.compile` counts it.  Each value is checked
as compile checks a feed (:func:`check_value`) before anything is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ..binding import as_value, batch_size, same_name_hint
from ..compat_hints import EXPRESSION, compat_advice
from ..compiler import infer_dtype
from ..errors import ConfigurationError, ShapeError
from ..symbols import BATCH, is_batched, is_matrix, shape_of
from .ieee import NEGATIVE_ZERO

__all__ = ["unread", "input_given", "bind", "check_value", "mapping_argument", "program_dtype"]


def _number(value, name: str):
    if isinstance(value, (bool, np.bool_)):
        raise ConfigurationError(f"at: expected a number for {name}; given {value!r}")
    if isinstance(value, (int, np.integer)):
        return sympy.Integer(int(value))
    if isinstance(value, sympy.Basic) and value.is_number:
        return value
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ConfigurationError(f"at: expected a number for {name}; given {value!r}") from error
    return NEGATIVE_ZERO if number == 0 and math.copysign(1.0, number) < 0 else sympy.Float(number)


def _array(value) -> np.ndarray:
    """``value`` as a 2-d array; a list for a column vector (``[1, -10, 25]``) as the column."""
    values = np.asarray(value)
    return values.reshape(-1, 1) if values.ndim == 1 else values


def _matrix(value, name: str) -> sympy.ImmutableMatrix:
    """The matrix of ``value``'s numbers (:func:`_number` of each entry)."""
    rows = _array(value).tolist()
    return sympy.ImmutableMatrix([[_number(entry, f"{name}[{i},{j}]") for j, entry in enumerate(row)]
                                  for i, row in enumerate(rows)])


def _entry(array, row: int, col: int, name: str):
    values = _array(array)
    try:
        return values[row, col].item()
    except IndexError as error:
        raise ConfigurationError(f"at: {name} has shape {values.shape}; entry [{row},{col}] is missing") from error


#: What each dict argument maps, and an example of it, for the error naming a value that is no dict.
MAPPING_ARGUMENTS = {"at": ("{symbol or name: value}", "at={w: 1.0}"),
                     "data": ("{placeholder or name: array}", "data={X: features, Y: labels}"),
                     "names": ("{expression: name}", "names={b*c: 'u'}")}


def mapping_argument(role: str, value):
    """``value`` when it is a dict (or None); otherwise a ConfigurationError naming what was expected (a teacher's
    ``at=1.0`` for "at w = 1")."""
    if value is None or isinstance(value, Mapping):
        return value
    expected, example = MAPPING_ARGUMENTS[role]
    raise ConfigurationError(f"{role}: expected a dict {expected}, e.g. {example}; given {value!r}")


def check_value(symbol, value) -> None:
    """Raise what :func:`symopt.compile` raises for ``value`` fed to ``symbol`` (:func:`symopt.binding.as_value`, the
    check of compile's feed, given the value as it is: complex numbers, a masked array, dates, text, None and records
    are refused with compile's FeedError, not read as NumPy would convert them, probe51 P51-6): a ShapeError for an
    array of another shape, a FeedError for a number that breaks the symbol's declared assumptions (``positive=True``,
    ``integer=True``: SymPy simplified the cost under them, so the display would show another cost's numbers).
    A list for a column vector (``at={x: [1, -10, 25]}``) is read as the column; a SymPy expression that is no number
    is left to the display's own message."""
    if isinstance(value, sympy.Basic) and (not getattr(value, "is_number", False) or value.is_extended_real is False
                                           or value.has(sympy.zoo, sympy.I)):
        return  # a symbol, or a complex SymPy number (I, zoo): the display's ConfigurationError names it
    shape = shape_of(symbol) if is_matrix(symbol) else ()  # as declared: a rank-1 Variable's (3,), not its (3, 1)
    if len(shape) == 2 and shape[1] == 1 and _rank(value) == 1:
        value = value.reshape(-1, 1) if isinstance(value, np.ndarray) else [[entry] for entry in value]
    as_value(symbol, value, "float64")


def _rank(value) -> int | None:
    """``value``'s number of axes (a list's as NumPy reads it); None for ragged lists, whose message is the feed's."""
    if isinstance(value, sympy.Basic):
        return 0
    try:
        return np.ndim(value)
    except ValueError:
        return None


def unread(key, inputs, by_name: Mapping) -> bool:
    """True for a key of ``at`` to skip: a symbol the cost does not read and that is named like none of its
    ``inputs`` (a re-created ``Variable("w")`` beside the cost's ``w`` is refused by the caller instead)."""
    return isinstance(key, sympy.Basic) and key not in inputs and not same_name_hint(key, by_name)


def input_given(key, value, inputs, by_name: Mapping):
    """The input of the cost that ``at``'s ``key`` (a symbol or a name) gives ``value`` to, checked as compile checks
    a feed (:func:`check_value`); None for a key to skip (:func:`unread`); a ConfigurationError for a key that names
    no input."""
    if unread(key, inputs, by_name):
        return None
    symbol = by_name.get(key) if isinstance(key, str) else key
    if symbol not in inputs:
        hint = compat_advice(key, EXPRESSION) or same_name_hint(key, by_name)
        raise ConfigurationError(f"at: {key} is not an input of the cost; its inputs are {sorted(by_name)}"
                                 + (f"; {hint}" if hint else ""))
    check_value(symbol, value)
    return symbol


def bind(at: Mapping, leaves) -> dict:
    """``{input: SymPy number}`` for every scalar input in ``leaves``; keys of ``at`` are symbols or names; a
    ``symopt.Variable`` not given takes its initial value.  Symbols the cost does not read are ignored, as
    :func:`symopt.evaluate` ignores them (one ``at`` serves several costs), unless one is named like an input."""
    owners = {_owner(leaf) for leaf in leaves}
    by_name = {str(owner.name): owner for owner in owners}
    given, entries = {}, {}
    for key, value in at.items():
        if isinstance(key, MatrixElement) and key.parent in owners:  # x[0, 0]: 1, as the drawing labels it
            entries[key] = value
            continue
        owner = input_given(key, value, owners, by_name)
        if owner is not None:
            given[owner] = value
    twice = sorted({str(entry.parent.name) for entry in entries if entry.parent in given}, key=str)
    if twice:  # x and x[0, 0] both given: neither silently wins
        raise ConfigurationError(f"at: {twice[0]} is given whole and entry by entry ("
                                 f"{', '.join(str(e) for e in entries if str(e.parent.name) == twice[0])}); give "
                                 "one or the other")
    for owner in owners:  # a Variable not given takes its initial value, as in a network's derivation
        if owner not in given and hasattr(owner, "init"):
            given[owner] = owner.init
    if BATCH in owners:  # m is the number of rows fed (sum(X)/m of a batch X), as in symopt.compile
        batched = [owner for owner in given if is_batched(owner)]
        count = batch_size(batched, [_array(given[owner]) for owner in batched])
        if count is not None:
            _check_count(given.pop(BATCH, count), count, batched)
            given[BATCH] = count
    bound, missing = {}, []
    for leaf in leaves:
        if leaf in entries:
            bound[leaf] = _number(entries[leaf], f"{leaf.parent.name}[{leaf.i},{leaf.j}]")
        elif isinstance(leaf, MatrixElement) and leaf.parent in given:
            name = f"{leaf.parent.name}[{leaf.i},{leaf.j}]"
            bound[leaf] = _number(_entry(given[leaf.parent], int(leaf.i), int(leaf.j), str(leaf.parent.name)), name)
        elif leaf in given and not is_matrix(leaf):
            bound[leaf] = _number(given[leaf], str(leaf.name))
        elif leaf in given:  # a matrix read whole by a scalar step (sum(W)): its numbers entry by entry
            bound[leaf] = _matrix(given[leaf], str(leaf.name))  # a batch X: as many rows as fed
        else:
            missing.append(str(leaf))
    if missing:
        example = next((f"at={{{leaf.parent.name}: array}} or at={{{leaf}: number, ...}}" for leaf in leaves
                        if isinstance(leaf, MatrixElement) and str(leaf) in missing), "at={a: 5, b: 3, c: 2}")
        raise ConfigurationError(f"at: missing values for {missing}; give every input a value, e.g. {example}")
    position = {owner: index for index, owner in enumerate([*given, *(entry.parent for entry in entries)])}
    return dict(sorted(bound.items(), key=lambda item: position[_owner(item[0])]))


def _check_count(given, count: int, batched: list) -> None:
    """An ``at`` value for m that is not the number of rows fed is refused: m is counted from the data, as
    :func:`symopt.compile` counts it (it takes no m), so the number given would silently be replaced."""
    try:
        same = float(given) == count
    except (TypeError, ValueError):
        same = False
    if not same:
        fed = ", ".join(str(symbol.name) for symbol in batched)
        raise ShapeError(f"at: m = {given!r}, but the data fed ({fed}) have {count} rows: m is the number of examples, "
                         f"counted from the data as symopt.compile counts it; leave m out of at, or feed {given!r} "
                         "rows")


def _owner(leaf):
    return leaf.parent if isinstance(leaf, MatrixElement) else leaf


def program_dtype(leaves) -> str:
    """The dtype the generated code of a cost with these inputs computes in (:func:`symopt.compiler.infer_dtype`:
    float32 where an input declares it), for the numbers a display shows at a point."""
    return infer_dtype([_owner(leaf) for leaf in leaves])
