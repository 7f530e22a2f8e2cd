r"""One emitter: a checked :class:`~symopt.program.Program` and a printer give every generated function.

:func:`emit` ``(program, printer, kind)`` returns the source of ``value_and_grad``, ``evaluate`` (any name),
``step``, ``train``, ``advance`` or ``guarded_advance``; the kinds are rows of :data:`EMITTERS`.  Each function is
lines of statements:
size bindings (:math:`m` = ``X.shape[0]``), the program's assignments, then what the kind returns; a step
adds the optimizer's update (:class:`~symopt.program.Update`: gradient clipping, scheduled
hyperparameters, hoisted constants, state-in → state-out assignments).  The printer (one class per
backend, :mod:`symopt.printers`) decides how each statement reads; the emitter never tests a backend's name.

Where the printer's values are arrays with buffers (``printer.reuses_buffers``: NumPy), ``step`` and ``train``
release each matrix temporary after its last read (``del t3``, :func:`~symopt.program_checks.last_reads`), and ``train``
updates its own copies of the array state in place (:func:`in_place_lines`: ``W -= ...``, the same bits); ``step``
never writes its arguments.  ``advance`` (the TF1 session) and ``guarded_advance`` (minimize's mini-batch loop)
overwrite the caller's array state in place; ``guarded_advance`` leaves it untouched when the cost is not finite
or the run has converged.
"""

from __future__ import annotations

import ast
from typing import Callable, Sequence

from .codegen import python_names
from .in_place import fresh_product_lines, in_place_lines, may_view, overwrites_logits
from .hyperparameters import to_dtype
from .optimizers import STEP_SLOT
from .backend_choice import choose_backend, scalar_type
from .printers import NumPyProgramPrinter, printer_for
from .program import Program, StateSymbol
from .program_checks import check_program, last_reads
from .repeated_calls import hoist_repeated_calls
from .schedule_base import schedule_code
from .symbols import is_matrix

__all__ = ["emit", "EMITTERS", "choose_backend", "scalar_type", "output_texts", "make_printer", "program_names",
           "schedule_lines", "in_place_lines", "may_view"]


def program_names(program: Program, reserved: tuple = ()) -> dict:
    """Python names of the program's inputs (a step's: its update's), size symbols and temporaries;
    ``reserved``: ``(names, prefixes)`` an input's name must avoid (:func:`symopt.codegen.python_names`)."""
    if program.update is not None:
        names = dict(zip(program.inputs, program.update.parameters + program.update.data))
    else:
        names = python_names(list(program.inputs), *reserved)
    for size, _, _ in program.sizes:
        names.setdefault(size, python_names([size])[size])
    for temp, _ in program.assignments:
        names[temp] = names.get(temp) or temp.name
    if program.update is not None:
        names.update({s: s.name for s in program.update.symbols()})
    return names


def make_printer(program: Program, module: str, dtype: str) -> NumPyProgramPrinter:
    """The ``module`` backend's printer for ``program``, after :func:`check_program`."""
    check_program(program)
    printer = printer_for(module)(program_names(program), dtype=dtype)
    printer.learn(program)
    return printer


def _size_lines(program: Program, printer) -> list[str]:
    names = printer.names
    return [f"{names[size]} = {names[program.inputs[index]]}.shape[{axis}]" for size, index, axis in program.sizes]


def _assignment_lines(program: Program, printer) -> list[str]:
    """One statement per assignment (a statement may be several lines: :func:`fresh_product_lines` where the
    printer's arrays are written in place)."""
    lines = []
    for (temp, expr), last in zip(program.assignments, last_reads(program)):
        target, text = printer.names[temp], printer.statement(expr, temp in program.forward)
        if printer.reuses_buffers and overwrites_logits(expr, last, program):
            text = f"{text[:-1]}, out={printer.names[expr.args[0]]})"
        lines.append("\n".join(fresh_product_lines(target, text, expr)) if printer.reuses_buffers
                     else f"{target} = {text}")
    return lines


def output_texts(program: Program, printer, in_dtype: bool = False) -> list[str]:
    """The printed outputs.  One that may be a view of an input (:func:`may_view`), or that repeats an earlier
    output, is copied: a returned array never shares memory with an argument or another output."""
    texts, seen = [], set()
    for index, output in enumerate(program.outputs):
        text = printer.statement(output, program.is_value(index))
        if in_dtype:
            text = printer.constant_output(output, text)
        if is_matrix(output) and (may_view(output, set(program.inputs), program) or text in seen):
            text = _copied(printer, text)
        seen.add(text)
        texts.append(text)
    return texts


def _copied(printer, text: str) -> str:
    return f"{printer.parenthesize_text(text)}.copy()"


def _tuple(texts: Sequence[str]) -> str:
    return f"({', '.join(texts)}{',' if len(texts) == 1 else ''})"


def _function(name: str, arguments: Sequence[str], body: str) -> str:
    return f"def {name}({', '.join(arguments)}):\n{body}"


def _indent(lines: Sequence[str], depth: int) -> str:
    return "".join("    " * depth + line + "\n" for statement in lines for line in statement.split("\n"))


def _arguments(program: Program, printer) -> list[str]:
    return [printer.names[s] for s in program.inputs]


# -- value_and_grad and evaluate
class _Printed:
    """The pieces of one program printed for the functions emitted together: each printed once."""

    def __init__(self, program: Program, printer):
        self.program, self.printer, self.done = program, printer, {}

    def __call__(self, piece: Callable) -> list[str]:
        if piece not in self.done:
            self.done[piece] = piece(self.program, self.printer)
        return self.done[piece]


def _releasing(program: Program, printer, lines: Sequence[str]) -> list[str]:
    """``lines`` (one per statement: the assignments, then the outputs), each followed by ``del`` of the matrix
    temporaries it reads last (:func:`~symopt.program_checks.last_reads`), where the printer's buffers can be released."""
    if not printer.reuses_buffers:
        return list(lines)
    released = []
    for line, temporaries in zip(lines, last_reads(program)):
        released.append(line)
        if temporaries:
            released.append(f"del {', '.join(printer.names[t] for t in temporaries)}")
    return released


def _value_and_grad(program: Program, printer, name: str, printed: _Printed) -> str:
    value, *gradients = output_texts(program, printer, in_dtype=True)
    lines = _size_lines(program, printer) + _assignment_lines(program, printer)
    lines.append(f"return {value}, {_tuple(gradients)}")
    return _function(name, _arguments(program, printer), _indent(lines, 1))


def _evaluate(program: Program, printer, name: str, printed: _Printed) -> str:
    lines = _size_lines(program, printer) + _assignment_lines(program, printer)
    lines.append(f"return {_tuple(output_texts(program, printer))}")
    return _function(name, _arguments(program, printer), _indent(lines, 1))


# -- step and train
def _step_arguments(program: Program) -> list[str]:
    update = program.update
    return list(update.parameters + update.slots + update.shared + update.hyper + update.data)


def _packed(program: Program) -> str:
    update = program.update
    return f"({', '.join(update.parameters)},), {_tuple(update.slots) if update.slots else '()'}, " \
           f"{_tuple(update.shared) if update.shared else '()'}"


def _forward_lines(program: Program, printer) -> list[str]:
    """The program's assignments, then ``cost = ...`` and ``g_w = ...`` (in the program's dtype), each matrix
    temporary released after its last read.  Where the update overwrites state in place, a gradient that may be a
    view of a parameter (``g_v = W.T``) is a copy, so updating ``W`` leaves it as it was."""
    cost, *gradients = (printer.constant_output(o, printer.statement(o, program.is_value(index)))
                        for index, o in enumerate(program.outputs))
    if printer.reuses_buffers:
        parameters = set(program.inputs[:len(program.update.parameters)])
        gradients = [_copied(printer, text) if may_view(output, parameters, program) else text
                     for output, text in zip(program.outputs[1:], gradients)]
    lines = _assignment_lines(program, printer) + [f"cost = {cost}"]
    lines += [f"{g} = {text}" for g, text in zip(program.update.gradients, gradients)]
    return _releasing(program, printer, lines)


def _clipping_lines(program: Program, printer) -> list[str]:
    """The update's gradient transformations (:class:`~symopt.program.Clip`), in order, as its printer writes them."""
    return [line for clip in program.update.clipping for line in printer.clip_lines(clip, program.update.gradients)]


def _schedule_lines(program: Program, printer) -> list[str]:
    return schedule_lines(program.update.schedules, printer)


def schedule_lines(schedules, printer) -> list[str]:
    r"""Each scheduled hyperparameter of ``schedules`` (``(name, Schedule)`` pairs) at step ``global_step`` in
    float32 (TF1's arithmetic), then cast to the variable's dtype: :math:`\eta \leftarrow \eta(t)`."""
    lines = []
    for name, schedule in schedules:
        constants = {constant: f"{name}_{constant}" for constant in schedule.constants()}
        lines.append(f"{name} = {schedule_code(schedule, STEP_SLOT, constants, printer.schedule_printer)}")
        cast = printer.doprint(to_dtype(StateSymbol(name, positive=True)))
        if cast != name:
            lines.append(f"{name} = {cast}")
    return lines


def _update_prelude(program: Program, printer) -> list[str]:
    """Clipping, schedules and the hoisted constants: what the optimizer's assignments read."""
    lines = _clipping_lines(program, printer) + _schedule_lines(program, printer)
    return lines + [f"{name} = {printer.doprint(expr)}" for name, expr in program.update.constants]


def _names_read(source: str) -> set[str]:
    """The names a line of Python source reads or binds."""
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


def _read_prelude(program: Program, printed: _Printed) -> list[str]:
    """:func:`_update_prelude` without the hoisted constants the printed assignments never name (a quotient prints
    its divisor, not the hoisted reciprocal, to keep TF1's rounding)."""
    read = set().union(*(_names_read(text) for _, text in printed(_update_assignments)))
    unread = tuple(f"{name} = " for name, _ in program.update.constants if name not in read)
    return [line for line in printed(_update_prelude) if not line.startswith(unread)]


def _update_assignments(program: Program, printer) -> list[tuple[str, str]]:
    """``(target, printed expression)`` of each of the optimizer's assignments (hoisted constants substituted)."""
    update = program.update
    substituting = type(printer)(printer.names, dtype=printer.dtype,
                                 substitutions={expr: name for name, expr in update.constants})
    return [(printer.names[t], substituting.doprint(e)) for t, e in update.assignments]


def _update_lines(program: Program, printer, printed: _Printed) -> list[str]:
    """The update as ``target = expression`` lines: new values, the arguments untouched (the ``step`` function)."""
    return _read_prelude(program, printed) + [f"{target} = {text}" for target, text in printed(_update_assignments)]


def _in_place_update_lines(program: Program, printer, printed: _Printed) -> list[str]:
    """The update with the matrix parameters and their slots overwritten in place (:func:`in_place_lines`),
    where the printer's arrays allow it: the ``train`` loop, which updates its own copies of the state."""
    if not printer.reuses_buffers:
        return _update_lines(program, printer, printed)
    return _read_prelude(program, printed) + _in_place_assignment_lines(program, printed)


def _in_place_assignment_lines(program: Program, printed: _Printed) -> list[str]:
    """The optimizer's assignments, each matrix state overwritten in place (:func:`in_place_lines`)."""
    arrays = {name for group in _array_state(program) for name in group}
    lines = []
    for target, text in printed(_update_assignments):
        lines += in_place_lines(target, text) if target in arrays else [f"{target} = {text}"]
    return lines


def _array_state(program: Program) -> list[tuple]:
    """The names of each matrix parameter with its slots (arrays of its shape)."""
    update = program.update
    return [group for symbol, group in zip(program.inputs, update.parameter_state()) if is_matrix(symbol)]


def _state_copies(program: Program, printer) -> list[str]:
    """``W, m_W = W.copy(), m_W.copy()``: the loop's own copies of the array state (the caller's stay as given);
    ``W.copy(order="F")`` for a weight the step keeps column-major (:mod:`symopt.layouts`)."""
    if not printer.reuses_buffers:
        return []
    column_major = set(program.update.column_major)

    def copied(group: tuple) -> str:
        call = 'copy(order="F")' if group[0] in column_major else "copy()"
        return f"{', '.join(group)} = {', '.join(f'{name}.{call}' for name in group)}"
    return [copied(group) for group in _array_state(program)]


def _guarded(printer, lines: Sequence[str], depth: int, on_overflow: Sequence[str]) -> str:
    """Python floats raise ``OverflowError`` (and ``math`` functions ``ValueError``) where NumPy gives inf or
    NaN: on Python floats run ``on_overflow`` instead (with ``math.nan`` for a domain error)."""
    if not printer.raises_on_overflow:
        return _indent(lines, depth)
    on_domain_error = [line.replace("math.inf", "math.nan") for line in on_overflow]
    return _indent(["try:"], depth) + _indent(lines, depth + 1) + \
        _indent(["except OverflowError:"], depth) + _indent(on_overflow, depth + 1) + \
        _indent(["except (ValueError, ZeroDivisionError):"], depth) + _indent(on_domain_error, depth + 1)


def _step(program: Program, printer, name: str, printed: _Printed, update_lines=_update_lines) -> str:
    packed = _packed(program)
    body = _indent(_size_lines(program, printer), 1) \
        + _guarded(printer, printed(_forward_lines), 1, [f"return math.inf, {packed}, None"]) \
        + _indent(update_lines(program, printer, printed), 1) \
        + f"    return cost, {packed}, ({', '.join(program.update.gradients)},)\n"
    return _function(name, _step_arguments(program), body)


def _converged_test(program: Program, printer) -> str:
    r"""``np.abs(g_W).max() <= tol and ...``: every gradient entry has :math:`|g| \le` tol."""
    return " and ".join(f"{printer.largest_abs_text(g)} <= tol" for g in program.update.gradients)


def _advance(program: Program, printer, name: str, printed: _Printed) -> str:
    """``step`` that overwrites the caller's array state (matrix parameters and their slots) in place, for a caller
    that owns it (the TF1 session): no new arrays for the state, the same bits as ``step``."""
    return _step(program, printer, name, printed, _in_place_update_lines)


def _releasing_gradients(program: Program, printer, printed: _Printed) -> list[str]:
    """The in-place update, each assignment followed by ``del`` of the matrix gradients it reads last, where the
    printer's buffers can be released: ``g_W1`` goes once ``W1`` and its slots are updated, before the next
    parameter's temporaries."""
    if not printer.reuses_buffers:
        return _update_lines(program, printer, printed)
    released = _read_prelude(program, printed)  # clipping (multi-line statements) and constants: released after
    lines = _in_place_assignment_lines(program, printed)
    matrices = [g for symbol, g in zip(program.inputs, program.update.gradients) if is_matrix(symbol)]
    last = {}
    for index, line in enumerate(lines):
        read = _names_read(line)
        last.update((g, index) for g in matrices if g in read)
    for index, line in enumerate(lines):
        released.append(line)
        done = [g for g in matrices if last.get(g) == index]
        if done:
            released.append(f"del {', '.join(done)}")
    return released


def _guarded_advance(program: Program, printer, name: str, printed: _Printed) -> str:
    r"""``advance`` for a training loop that owns its state (:class:`~symopt.training_run.TrainingRun`): when the
    cost is not finite, or every :math:`|g| \le` tol, it returns ``(cost, None, gradients)`` and changes nothing (the
    state before a divergence, or the converged state, stays as it was); when the cost is below ``best_cost`` it
    calls ``keep(cost, *parameters)`` before the update (the parameters of the lowest cost seen); then it updates the
    state in place, releasing each gradient after its last read, and returns ``step``'s state without gradients:
    ``(cost, params, slots, shared, None)``."""
    update = program.update
    refused = "not math.isfinite(cost)"
    if update.tol is not None:
        refused += f" or {_converged_test(program, printer)}"
    body = _indent(_size_lines(program, printer), 1) \
        + _guarded(printer, printed(_forward_lines), 1, ["return math.inf, None, None"]) \
        + f"    if {refused}:\n        return cost, None, ({', '.join(update.gradients)},)\n" \
        + f"    if cost < best_cost:\n        keep(cost, {', '.join(update.parameters)})\n" \
        + _indent(_releasing_gradients(program, printer, printed), 1) \
        + f"    return cost, {_packed(program)}, None\n"
    return _function(name, ["tol", "best_cost", "keep"] + _step_arguments(program), body)


def _train(program: Program, printer, name: str, printed: _Printed) -> str:
    packed, update = _packed(program), program.update
    converged = ""
    if update.tol is not None:
        converged = f"        if {_converged_test(program, printer)}:\n            return step, {packed}\n"
    body = _indent(_size_lines(program, printer) + _state_copies(program, printer), 1) \
        + "    for step in range(steps):\n" \
        + _guarded(printer, printed(_forward_lines), 2, ["history[step] = math.inf", f"return step, {packed}"]) \
        + "        history[step] = cost\n" + converged \
        + _indent(_in_place_update_lines(program, printer, printed), 2) \
        + f"    return steps, {packed}\n"
    return _function(name, ["steps", "history", "tol"] + _step_arguments(program), body)


#: kind -> function printing its source.
EMITTERS: dict[str, Callable] = {"value_and_grad": _value_and_grad, "evaluate": _evaluate, "step": _step,
                                 "train": _train, "advance": _advance, "guarded_advance": _guarded_advance}

#: The kinds that include an optimizer update.
_UPDATING = ("step", "train", "advance", "guarded_advance")


def emit(program: Program, printer, kind: str | Sequence[str], name: str | None = None) -> str | list[str]:
    """Source of the generated function ``kind`` (a key of :data:`EMITTERS`), named ``name`` (default: ``kind``);
    for a sequence of kinds (``("step", "train")``) a list of sources, the program printed once for all.

    ``printer`` is a backend's printer holding the program's names (:func:`make_printer`).
    """
    kinds = [kind] if isinstance(kind, str) else list(kind)
    for each in kinds:
        if (each in _UPDATING) != (program.update is not None):
            raise ValueError(f"a {each} function needs a program {'with' if each in _UPDATING else 'without'}"
                             " an optimizer update")
    printed = _Printed(program, printer)
    sources = [EMITTERS[each](program, printer, name or each, printed) for each in kinds]
    if printer.hoists_repeated_calls:
        sources = [hoist_repeated_calls(source) for source in sources]
    return sources[0] if isinstance(kind, str) else sources
