"""The ``symopt`` command: ``demo``, ``derive``, ``explain``, ``graph``, ``minimize``, ``tf1``.

Expressions are read by :mod:`symopt.parse`, a whitelist parser of our own: the
command line never evaluates Python.  An expression may start with ``-``
(``symopt derive "-log(w)" --wrt w``); one spelled like an option goes after ``--`` (``symopt derive --wrt h -- -h``).  Exit status: 0 on success, 2 for a bad
command line or bad input (the message says what to write instead, in the
command line's own syntax, or a run that leaves the cost's real domain, as ``w**(1/3)`` crossing 0),
1 when a run diverges or stalls (the cost grows to infinity; or ``result.success`` is False: it grew a
millionfold, or no parameter moved) or its output cannot be written (a full disk), 130 on Ctrl-C:
always one ``symopt: ...`` line, never a traceback.

SymPy and NumPy are imported only by the subcommands that need them, so
``symopt --help`` and ``symopt --version`` answer at once.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback

from . import __version__
from .ascii_output import protect
from .errors import ConfigurationError, DivergenceError, DomainError, SymoptError
from .cli_advice import in_command_line_words
from .cli_expression import parse_command_line
from .top_level import top_level_parts

__all__ = ["main", "INTERRUPTED", "OPTIMIZER_NAMES", "MAX_STEPS", "FORMATS", "CommaJoined", "MAX_LIST_LENGTH", "program_traceback"]

#: ``--optimizer`` choices: every name :func:`symopt.optimizers.get_optimizer` accepts (the keys of
#: :func:`~symopt.optimizers.optimizer_table`, listed here so that ``--help`` needs no import of SymPy; a test keeps
#: the two equal).
OPTIMIZER_NAMES = ("adadelta", "adagrad", "adam", "adamw", "ftrl", "gd", "keras_adam", "momentum", "nadam",
                   "proximal_adagrad", "proximal_gd", "pytorch_adam", "rmsprop")
#: The most ``--steps`` one run may take (the cost history alone holds one number per step).
MAX_STEPS = 10_000_000
#: ``derive --format`` choices.
FORMATS = ("text", "latex", "markdown")


#: The most characters all occurrences of one list option may hold together (the parser's bound on an expression,
#: :data:`symopt.parse.MAX_LENGTH`, which :mod:`symopt.parse` applies again to the joined text).
MAX_LIST_LENGTH = 10_000


class CommaJoined(argparse.Action):
    """A list option given again adds to it: ``--wrt a --wrt b`` is ``--wrt a,b``, never the last one alone; a name
    in two occurrences is refused naming both, and occurrences past :data:`MAX_LIST_LENGTH` characters together as
    they come (a :class:`ConfigurationError`, which :func:`main` prints).  Each occurrence is read once: the names
    seen so far are kept beside the value, so ``N`` occurrences cost ``O(N)`` (they were re-split each time)."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = getattr(namespace, self.dest, None)
        seen = vars(namespace).setdefault("_names_seen", {}).setdefault(self.dest, set())
        joined = values if given is self.default else f"{given},{values}"
        if given is not self.default and len(joined) > MAX_LIST_LENGTH:  # one occurrence: symopt.parse says so
            raise ConfigurationError(f"{option_string}: expected at most {MAX_LIST_LENGTH} characters "
                                     f"in all {option_string} options together; given {len(joined)} with "
                                     f"{option_string} {values[:40]}{'...' if len(values) > 40 else ''}; pass fewer")
        names = list(map(_item_name, top_level_parts(values)))
        again = next((name for name in names if name in seen), None) if given is not self.default else None
        if again:  # the column of "a,a" would point into a string the user never typed
            raise ConfigurationError(f"{option_string}: expected each name once; given {again!r} in two "
                                     f"{option_string} options ({option_string} {given} and {option_string} "
                                     f"{values}); remove it from one")
        seen.update(names)
        setattr(namespace, self.dest, joined)


def _item_name(item: str) -> str:
    """The name an item of a list option gives: ``w`` of ``w=0`` or of ``w``."""
    return item.partition("=")[0].strip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="symopt", description="A symbolic math compiler for optimization.",
                                     allow_abbrev=False)
    parser.add_argument("--version", action="version", version=f"symopt {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through the TensorFlow lecture")
    derive = commands.add_parser("derive", help="derive EXPR step by step (forward, chain rule, gradient)",
                                 allow_abbrev=False)
    derive.add_argument("expr", help="the cost, e.g. '3*(a + b*c)' (may start with '-')")
    derive.add_argument("--wrt", action=CommaJoined, required=True, help="comma-separated symbols, e.g. 'a,b,c'")
    derive.add_argument("--at", action=CommaJoined, default=None,
                        help="values of every symbol, e.g. 'a=5,b=3,c=2': adds the numbers")
    derive.add_argument("--format", default="text", choices=FORMATS, help="text (default), latex or markdown")
    derive.add_argument("--latex", action="store_true", help=argparse.SUPPRESS)  # older spelling of --format latex
    why = commands.add_parser("explain", help="say why a gradient of EXPR is zero, vanishing or not finite at a point",
                              allow_abbrev=False)
    why.add_argument("expr", help="the cost, e.g. 'relu(w*x - 3)^2' (may start with '-')")
    why.add_argument("--wrt", action=CommaJoined, required=True, help="comma-separated symbols, e.g. 'w'")
    why.add_argument("--at", action=CommaJoined, required=True, help="values of every symbol, e.g. 'w=1,x=2'")
    draw = commands.add_parser("graph", help="draw the computation graph of EXPR", allow_abbrev=False)
    draw.add_argument("expr", help="the cost, e.g. '3*(a + b*c)'")
    draw.add_argument("--style", default="values", choices=["values", "ops"],
                      help="label nodes by what they compute (u = bc) or by operation (×)")
    draw.add_argument("--at", action=CommaJoined, default=None,
                      help="values of the inputs, e.g. 'a=5,b=3,c=2' (values style)")
    draw.add_argument("-o", "--output", default=None,
                      help="write to FILE: .svg, .png (needs matplotlib), .dot/.gv or .txt; default: print the text")
    run = commands.add_parser("minimize", help="minimize EXPR", allow_abbrev=False)
    run.add_argument("expr")
    run.add_argument("--wrt", action=CommaJoined, required=True,
                     help="parameters with initial values, e.g. 'w=0' or 'w=0,b=1' (a name alone starts at 0)")
    run.add_argument("--data", action=CommaJoined, default="",
                     help="values of the other symbols, e.g. 'a=1,b=-10,c=25'")
    run.add_argument("--optimizer", default="gd", help=f"one of {', '.join(OPTIMIZER_NAMES)}")
    run.add_argument("--lr", type=float, default=None, help="learning rate")
    run.add_argument("--steps", type=int, default=1000, help=f"number of steps, 1 to {MAX_STEPS:,}")
    run.add_argument("--dtype", default="float64", choices=["float32", "float64"])
    tf1 = commands.add_parser("tf1", help="run a TensorFlow 1.x program unchanged (tensorflow served by symopt)")
    tf1.add_argument("program", help="the TF1 program, e.g. prog.py")
    tf1.add_argument("program_args", nargs=argparse.REMAINDER, default=[], metavar="ARGS",
                     help="its own arguments").required = False  # optional: argparse lists REMAINDER as required
    return parser


def _wrt_values(text: str) -> dict:
    """``w=0,b`` → {'w': 0.0, 'b': 0.0}: a bare name starts at 0; values may be ``max(1, 2)``."""
    from .parse import parse_assignments

    items = [item if "=" in item or not item else f"{item}=0" for item in top_level_parts(text)]
    if not any(items):
        raise ConfigurationError(f"--wrt: expected names such as 'w' or 'w=0'; given {text!r}")
    return parse_assignments(",".join(items))


def _check_steps(steps: int) -> None:
    if not 1 <= steps <= MAX_STEPS:
        raise ConfigurationError(f"--steps: expected a whole number from 1 to {MAX_STEPS:,}; given {steps:,}. "
                         "Run longer trainings from Python with checkpoints (symopt.minimize(..., checkpoint=...)).")


def _check_numbers(lr, dtype: str, values: dict) -> None:
    """Refuse what the run would turn into 0 or infinity, with the fix in the command line's own words (the
    library's messages speak Python: ``numpy.float64(1e-50)``, ``dtype='float64'``)."""
    import numpy as np

    from .hyperparameters import FLOAT32_VANISHES
    if lr is not None and 0 < lr <= FLOAT32_VANISHES:  # TF1 rounds a Python-float lr to float32 in every run
        smallest = float(np.finfo(np.float32).smallest_subnormal)
        raise ConfigurationError(f"--lr {lr:g}: becomes 0 in float32 (the learning rate is rounded to float32, as "
                                 f"TF1 does), so the run would learn nothing; give --lr {smallest:.1e} or larger")
    largest, smallest = float(np.finfo(np.float32).max), float(np.finfo(np.float32).smallest_subnormal)
    for option, name, value in values if dtype == "float32" else ():
        with np.errstate(over="ignore", under="ignore"):
            rounded = np.float32(value)
        if np.isinf(rounded):
            raise ConfigurationError(f"{option} {name}={value:g}: float32's largest number is {largest:.4g}, so "
                                     f"{name} would be infinite; give a value nearer 0, or add --dtype float64")
        if rounded == 0 and value != 0:
            raise ConfigurationError(f"{option} {name}={value:g}: float32's smallest positive number is "
                                     f"{smallest:.4g}, so {name} would be 0; give a value farther from 0 (rescale it), or "
                                     "add --dtype float64")


def _minimize(args) -> int:
    from .minimize import minimize
    from .optimizers import get_optimizer
    from .parse import cli_text, parse_assignments, parse_expression
    from .parse_names import refuse_cancelled

    _check_steps(args.steps)
    cost = parse_expression(args.expr)
    symbols = {s.name: s for s in cost.free_symbols}
    initial = _wrt_values(args.wrt)
    data = parse_assignments(args.data) if args.data.strip() else {}
    refuse_cancelled("--wrt", initial, args.expr, cost)
    refuse_cancelled("--data", data, args.expr, cost)
    for name in initial:
        if name not in symbols:
            raise ConfigurationError(f"--wrt {name}: not a symbol of the expression; its symbols are {sorted(symbols)}")
    for name, value in data.items():
        if name in initial:
            raise ConfigurationError(f"--data {name}={value:g}: {name} is a parameter (it is in --wrt); "
                             f"set its starting value with --wrt {name}={value:g}")
        if name not in symbols:
            raise ConfigurationError(f"--data {name}: not a symbol of the expression; its symbols are {sorted(symbols)}")
    missing = sorted(set(symbols) - set(initial) - set(data))
    if missing:
        example = ",".join(f"{name}=1" for name in missing)
        raise ConfigurationError(f"the expression's symbols {', '.join(missing)} have no value: give data with "
                         f"--data {example}, or train them with --wrt {example.replace('=1', '=0')}")
    if args.optimizer.lower() not in OPTIMIZER_NAMES:
        raise ConfigurationError(f"--optimizer: expected one of {', '.join(OPTIMIZER_NAMES)}; given {args.optimizer!r}")
    _check_numbers(args.lr, args.dtype, [*(("--wrt", n, v) for n, v in initial.items()),
                                         *(("--data", n, v) for n, v in data.items())])
    optimizer = get_optimizer(args.optimizer, args.lr)

    def run(steps: int):  # DomainError: the run left the cost's real domain
        return minimize(cost, {symbols[n]: v for n, v in initial.items()},
                        data={symbols[n]: v for n, v in data.items()},
                        optimizer=get_optimizer(args.optimizer, args.lr), steps=steps, dtype=args.dtype,
                        progress=False)

    result = run(args.steps)
    if not result.success:  # diverging, though not yet overflowing (probe80 P80-1): the library's own verdict
        print(f"symopt: {_unsuccessful_run(result, run, initial, args.dtype, args.optimizer)}", file=sys.stderr)
        return 1
    print(f"cost: {cli_text(cost)}")
    print(f"optimizer: {optimizer!r}, {result.steps} steps, {args.dtype}")
    for symbol, value in result.params.items():
        print(f"{symbol} = {_number_text(value, args.dtype)}")
    print(f"final cost = {_number_text(result.value, args.dtype)}")
    if result.value > result.history[0]:  # grown, though not the millionfold the library calls diverging (46c-9)
        print(f"symopt: note: the final cost {_number_text(result.value, args.dtype)} is above the start's "
              f"{_number_text(result.history[0], args.dtype)}; try a smaller --lr"
              + ("" if args.lr is None else f" than {args.lr:g}"), file=sys.stderr)
    return 0


def _number_text(value, dtype: str) -> str:
    """The shortest text that reads back as ``value`` in the run's dtype (``1.3389387`` in float32)."""
    import numpy as np
    array = np.asarray(value, dtype=dtype)
    return str(array[()]) if array.ndim == 0 else np.array2string(array, separator=", ")


def _unsuccessful_run(result, run, initial: dict, dtype: str, optimizer: str) -> str:
    """The message of a run that took its steps without success (the library's ``result.success`` False: its cost
    grew a millionfold without overflowing, or it stalled, no parameter moving), with the best parameters it saw, as a diverged run's: the run is
    deterministic (full batch), so ``run(k)`` replays it to the step ``k`` of lowest cost; at the start no replay."""
    import numpy as np

    best_step = int(np.argmin(result.history))
    if best_step == 0:
        values = ", ".join(f"{name} = {_number_text(value, dtype)}" for name, value in initial.items())
        best_cost = result.history[0]
    else:
        best = run(best_step)
        values = ", ".join(f"{symbol} = {_number_text(value, dtype)}" for symbol, value in best.params.items())
        best_cost = best.value
    return (f"{in_command_line_words(result.message, optimizer)}\nbest parameters seen: {values} "
            f"(cost {_number_text(best_cost, dtype)}, {_when_seen(best_step)})")


def _when_seen(step: int) -> str:
    """When a run's best parameters were seen: ``at the start``, ``after 1 step``, ``after 8 steps``."""
    return "at the start" if step == 0 else f"after {step} step{'' if step == 1 else 's'}"


def _run_failure(error, dtype: str, optimizer: str | None) -> str:
    """A run that stopped (it diverged, or left the cost's real domain) in the command line's words: the library's
    pointer to ``error.result`` becomes the parameters it holds and when it saw them, ``best parameters seen: w = 3
    (cost 81, at the start)``; the advice offers no other name of ``optimizer`` (the ``--optimizer`` that ran)."""
    import numpy as np

    message = in_command_line_words(re.sub(r"\s*error\.result holds [^.]*\.", "", str(error)), optimizer)
    result = getattr(error, "result", None)
    if result is None or not result.params:
        return message
    values = ", ".join(f"{symbol} = {_number_text(value, dtype)}" for symbol, value in result.params.items())
    if isinstance(error, DivergenceError) and result.steps == 0 and len(result.history) == 1:
        return (f"the cost is {result.history[0]} at the starting point {values}: no step was taken, so the "
                "learning rate is not the cause; start where the cost is finite (--wrt NAME=VALUE)")
    seen = np.flatnonzero(np.asarray(result.history, dtype=float) == float(result.value))  # the best cost's step
    when = f", {_when_seen(int(seen[0]))}" if seen.size else ""
    return f"{message}\nbest parameters seen: {values} (cost {_number_text(result.value, dtype)}{when})"


def _tf1(program: str, arguments: list[str]) -> int:
    """Run a TF1 program; an exception it raises (a symopt error included) is reported as ``python prog.py``
    reports it, with the program's own frames and the error, exit status 1.  The workers the program starts with
    ``multiprocessing`` (spawn or forkserver) import ``tensorflow`` from symopt too (:mod:`symopt.child_processes`)."""
    from .compat.v1.runner import main as run_tf1
    try:
        return run_tf1([program, *arguments])
    except Exception as error:  # noqa: BLE001 - shown as Python shows an uncaught exception, then exit 1
        sys.stderr.write(program_traceback(error, program))
        return 1


def program_traceback(error: BaseException, program: str) -> str:
    """The traceback of ``error`` from the first frame of ``program`` on (the frames of symopt's runner and of
    runpy above it are not the user's), in Python's format, after the exceptions it was chained to (its
    ``__cause__``, or its ``__context__`` unless suppressed), as ``python program`` prints them."""
    path, shown = os.path.realpath(program), set()

    def link(exception: BaseException, top: bool) -> str:
        shown.add(id(exception))
        earlier = ""
        cause, context = exception.__cause__, exception.__context__
        if cause is not None and id(cause) not in shown:
            earlier = link(cause, False) + "\nThe above exception was the direct cause of the following exception:\n\n"
        elif context is not None and not exception.__suppress_context__ and id(context) not in shown:
            earlier = link(context, False) + ("\nDuring handling of the above exception, another exception "
                                              "occurred:\n\n")
        frames = traceback.extract_tb(exception.__traceback__)
        first = next((i for i, frame in enumerate(frames) if os.path.realpath(frame.filename) == path),
                     None if top else 0)
        lines = [] if first is None or not frames else ["Traceback (most recent call last):\n",
                                                        *traceback.format_list(frames[first:])]
        return earlier + "".join(lines + traceback.format_exception_only(type(exception), exception))
    return link(error, True)


#: The exit status of a run stopped by Ctrl-C (SIGINT), as shells report a command the signal ended: 128 + 2.
INTERRUPTED = 130


def main(argv=None) -> int:
    """Run the command line; every failure is one ``symopt: ...`` line on stderr and an exit status (no traceback):
    2 for bad input, 1 for a run that diverged or output that could not be written (a full disk, a closed pipe),
    :data:`INTERRUPTED` for Ctrl-C."""
    sys.stdout, sys.stderr = protect(sys.stdout), protect(sys.stderr)  # a console without Unicode gets ASCII
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, as a shell user expects, never a traceback through SymPy
        print("symopt: interrupted", file=sys.stderr)
        _silence_stdout()
        return INTERRUPTED
    except BrokenPipeError:  # the reader closed the pipe (symopt derive ... | head): stop quietly
        _silence_stdout()
        return 1
    except OSError as error:  # stdout on a full disk (> /dev/full): its buffered text is lost
        where = error.filename if error.filename is not None else "standard output"
        print(f"symopt: cannot write {where} ({error.strerror or error}); free space on its disk or "
              "redirect it elsewhere", file=sys.stderr)
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    """Send what stdout still buffers to the null device, so that Python's flush at exit cannot fail again."""
    if sys.stdout is None:  # fd 1 closed at start-up: nothing buffered
        return
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (stdout replaced, as in tests): nothing is flushed at exit
        pass


def _main(argv) -> int:
    parser, argv = _parser(), list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_command_line(parser, argv)
    except SymoptError as error:  # a list option that repeats a name across its occurrences
        print(f"symopt: {error}", file=sys.stderr)
        return 2
    try:
        status = _run(args)
        if sys.stdout is not None and not sys.stdout.closed:  # a tf1 program may close it (final38b F38b-3); None:
            # fd 1 was closed at start-up (`symopt ... >&-`, probe80 P80-4), so print wrote nothing
            sys.stdout.flush()  # a full disk fails here, inside main, not in Python's flush at exit
        return status
    except (DivergenceError, DomainError) as error:  # a run that stopped: 1; one that left the domain: 2 (issue 14)
        print(f"symopt: {_run_failure(error, getattr(args, 'dtype', 'float64'), getattr(args, 'optimizer', None))}", file=sys.stderr)
        return 2 if isinstance(error, DomainError) else 1
    except SymoptError as error:
        print(f"symopt: {error}", file=sys.stderr)
        return 2


def _run(args) -> int:
    if args.command == "demo":
        from .demo import run_demo
        run_demo()
        return 0
    if args.command == "derive":
        from .display.command import derive_command
        return derive_command(args.expr, args.wrt, args.at, "latex" if args.latex else args.format)
    if args.command == "tf1":
        return _tf1(args.program, args.program_args)
    if args.command == "explain":
        from .display.command import explain_command
        return explain_command(args.expr, args.wrt, args.at)
    if args.command == "graph":
        from .display.command import graph_command
        return graph_command(args.expr, args.style, args.at, args.output)
    return _minimize(args)


if __name__ == "__main__":
    sys.exit(main())
