r"""The rules a :class:`~symopt.program.Program` keeps (:func:`check_program`), and where its temporaries are read
for the last time (:func:`last_reads`): the checks and the liveness the emitter reads, apart from the building."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ShapeError, SymoptError
from .symbols import is_matrix
from .traversal import free_symbols

if TYPE_CHECKING:
    from .program import Program

__all__ = ["ProgramError", "check_program", "last_reads"]


class ProgramError(SymoptError):
    """A :class:`~symopt.program.Program` that breaks its own rules (a bug in the stage that built it, not in user input)."""


def last_reads(program: Program) -> list[tuple]:
    """For each statement of ``program`` — its assignments, then its outputs — the matrix temporaries read there
    for the last time, in assignment order: generated code can free them (``del t3``) right after it."""
    order = {t: i for i, (t, _) in enumerate(program.assignments) if is_matrix(t)}
    statements = [e for _, e in program.assignments] + list(program.outputs)
    last = {}
    for index, expr in enumerate(statements):
        for temp in free_symbols([expr]) & order.keys():
            last[temp] = index
    points = [[] for _ in statements]
    for temp, index in last.items():
        points[index].append(temp)
    return [tuple(sorted(point, key=order.__getitem__)) for point in points]


def check_program(program: Program) -> Program:
    """``program`` when it keeps its rules, else :class:`ProgramError`: each size binding names an input
    axis of that size; each temporary is assigned once, is no input, and every assignment and output reads only
    inputs, bound sizes and temporaries assigned before it; an update has one gradient per
    output after the cost, unique state names, and writes only its state, reading only its own names."""
    inputs = program.inputs
    for size, index, axis in program.sizes:
        if not (0 <= index < len(inputs) and is_matrix(inputs[index]) and inputs[index].shape[axis] == size):
            raise ProgramError(f"size {size} is bound to axis {axis} of input {index}, which does not have it")
    targets = [t for t, _ in program.assignments]
    if len(set(targets)) != len(targets) or set(targets) & set(inputs):
        raise ProgramError("a temporary is assigned twice or overwrites an input")
    _check_reads(program)
    update = program.update
    if update is None:
        return program
    if len(update.gradients) != len(program.outputs) - 1 or len(update.gradients) != len(update.parameters):
        raise ProgramError(f"{len(update.parameters)} parameters, {len(update.gradients)} gradient names and "
                           f"{len(program.outputs) - 1} gradients: expected one of each per parameter")
    arguments = update.state() + update.hyper + update.data
    if len(set(arguments)) != len(arguments):
        raise ProgramError(f"the step's arguments repeat a name: {arguments}")
    known = set(arguments) | set(update.gradients) | {name for name, _ in update.constants} | \
        {name for name, _ in update.schedules}
    written = {t.name for t, _ in update.assignments}
    unknown = {s.name for s in update.symbols()} - known - written
    if not written <= set(update.state()) or unknown:
        raise ProgramError(f"the update writes {sorted(written - set(update.state()))} outside its state or "
                           f"reads unknown names {sorted(unknown)}")
    return program


def _check_reads(program: Program) -> None:
    """Each assignment reads only inputs, bound sizes and temporaries assigned before it; the outputs, any of them.
    A size no input carries (the data cancelled out) is the user's mistake: a ``ShapeError`` naming the fix."""
    defined = set(program.inputs) | {size for size, _, _ in program.sizes}
    statements = list(program.assignments) + [(None, output) for output in program.outputs]
    for target, expr in statements:
        unknown = free_symbols([expr]) - defined
        sizes = sorted((u for u in unknown if getattr(u, "is_integer", False)), key=str)
        if sizes:  # a dimension (the batch size m) that no input carries
            size = sizes[0]
            raise ShapeError(
                f"the expression needs the size {size} (from an all-ones matrix or a shape with {size}), but no "
                f"input of the program has a dimension {size}: the data that carried it cancelled out (as in "
                f"X @ W - X @ W). Keep an input with a dimension {size} in the expression, or give the all-ones "
                "matrix a number of rows.")
        if unknown:
            where = f"the assignment to {target}" if target is not None else "an output"
            raise ProgramError(f"{where} reads {sorted(map(str, unknown))}, which no input, size or earlier "
                               "temporary defines")
        defined.add(target)
