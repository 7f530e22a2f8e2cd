"""``tf.app.run`` and ``tf.app.flags`` / ``tf.flags``: command-line flags as TF1 programs define them.

``FLAGS`` parses ``sys.argv`` the first time a flag is read (``--name=value``, ``--name value``,
``--flag`` / ``--noflag`` for booleans), and an undefined ``--name`` raises
:class:`UnrecognizedFlagError` (absl's ``Unknown command line flag 'name'``); a value the flag refuses (not a
number, outside ``lower_bound``/``upper_bound``, not one of an enum's values) raises
:class:`IllegalFlagValueError` with absl's message, and so does such a default.  ``run(main)`` parses them
tolerating undefined ones, as TF1's ``tf.app.run`` does, and calls ``main(argv)`` with the remaining
arguments (undefined flags included), exiting with its result.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

from ...errors import SymoptError
from .errors import unsupported_name

__all__ = ["run", "flags", "FLAGS", "UnrecognizedFlagError", "IllegalFlagValueError", "flag_suggestions",
           "number_parser", "enum_parser", "list_parser"]

#: absl suggests defined flags whose prefix is within this fraction of edits of an unknown name.
SUGGESTION_ERROR_RATE = 0.5


class UnrecognizedFlagError(SymoptError, ValueError):
    """An undefined ``--flag`` on the command line (absl's ``flags.UnrecognizedFlagError``)."""

    def __init__(self, name: str, suggestions: list):
        self.flagname = name
        tip = f". Did you mean: {', '.join(suggestions)} ?" if suggestions else ""
        super().__init__(f"Unknown command line flag '{name}'{tip}")


class IllegalFlagValueError(SymoptError, ValueError):
    """A flag given (or defaulting to) a value it refuses (absl's ``flags.IllegalFlagValueError``)."""


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def flag_suggestions(name: str, defined) -> list:
    """absl's rule: the defined flags whose first ``len(name)`` letters are fewest edits from ``name``, when that
    is under half its length (none for names of two letters or fewer)."""
    if len(name) <= 2 or not defined:
        return []
    distances = sorted((edit_distance(name, option[:len(name)]), option) for option in defined)
    fewest = distances[0][0]
    if fewest >= SUGGESTION_ERROR_RATE * len(name):
        return []
    return [option for errors, option in distances if errors == fewest]


#: absl's help flags (``-h`` is not one: TF1's app passes it to the program).
HELP_FLAGS = ("--help", "-?", "--helpshort", "--helpfull")


class _FlagValues:
    """The flags defined so far and their values (``FLAGS.learning_rate``)."""

    def __init__(self):
        object.__setattr__(self, "_definitions", {})
        object.__setattr__(self, "_values", None)

    def reset(self) -> None:
        """Forget every flag (a new program starts)."""
        self._definitions.clear()
        object.__setattr__(self, "_values", None)

    def define(self, name: str, default, help_text: str, parse: Callable[[Any], Any]) -> None:
        """Define ``--name`` read by ``parse`` (which raises ValueError or TypeError for a value it refuses); a
        refused default raises :class:`IllegalFlagValueError` before anything is defined."""
        default = None if default is None else _parsed(name, parse, default)
        self._definitions[name] = (default, help_text, parse)
        if self._values is not None:
            self._values[name] = default

    def parse(self, argv: list, known_only: bool = False) -> list:
        """Set the flags given in ``argv`` (``argv[0]`` is the program); return the other arguments.  An
        undefined ``--name`` raises :class:`UnrecognizedFlagError` (nothing is set), unless ``known_only``:
        then it is returned with the other arguments."""
        values = {name: default for name, (default, _, _) in self._definitions.items()}
        rest = [argv[0]] if argv else []
        arguments = list(argv[1:])
        while arguments:
            argument = arguments.pop(0)
            if argument == "--":  # absl: everything after it is the program's own, flags or not
                rest += [argument, *arguments]
                break
            if argument in HELP_FLAGS:  # absl's help flags: the usage on stdout, exit status 1, main never runs
                print(self.usage(argv[0] if argv else "", full=argument != "--help" and argument != "-?"))
                raise SystemExit(1)
            if not argument.startswith("--"):
                rest.append(argument)
                continue
            name, has_value, text = argument[2:].partition("=")
            if name.startswith("no") and self._definitions.get(name[2:], (None, None, None))[2] is _parse_bool \
                    and name not in self._definitions:
                values[name[2:]] = False
                continue
            if name not in self._definitions:
                if not known_only:
                    raise UnrecognizedFlagError(name, flag_suggestions(name, self._definitions))
                rest.append(argument)
                continue
            parse = self._definitions[name][2]
            if not has_value:
                if parse is _parse_bool:
                    values[name] = True
                    continue
                if not arguments:
                    raise SystemExit(f"flag --{name} needs a value")
                text = arguments.pop(0)
            values[name] = _parsed(name, parse, text)
        object.__setattr__(self, "_values", values)
        return rest

    def usage(self, program: str, full: bool = False) -> str:
        """absl's ``--help`` text: the program's flags by name, each with its help, default and kind."""
        lines = ["", f"       USAGE: {os.path.basename(program)} [flags]", "flags:", "",
                 f"{os.path.basename(program)}:"]
        for name in sorted(self._definitions):
            default, help_text, parse = self._definitions[name]
            switch = parse is _parse_bool
            choices = getattr(parse, "choices_text", "")
            lines.append(f"  --{'[no]' if switch else ''}{name}: {choices}{help_text or ''}".rstrip())
            if default is not None:
                shown = ("true" if default else "false") if switch else \
                    ",".join(map(str, default)) if isinstance(default, list) else default
                lines.append(f"    (default: '{shown}')")
            kind = getattr(parse, "kind_text", None)
            if kind:
                lines.append(f"    ({kind})")
        if not full:
            lines += ["", "Try --helpfull to get a list of all flags."]
        return "\n".join(lines)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._values is None:
            self.parse(sys.argv)
        if name not in self._values:
            raise AttributeError(f"flag --{name} is not defined (define it with tf.app.flags.DEFINE_...)")
        return self._values[name]

    def __setattr__(self, name: str, value) -> None:
        if self._values is None:
            self.parse(sys.argv)
        self._values[name] = value

    def __contains__(self, name: str) -> bool:
        """``"name" in FLAGS``: whether the flag is defined."""
        return name in self._definitions

    def __call__(self, argv: list, known_only: bool = False) -> list:
        return self.parse(argv, known_only)

    def flag_values_dict(self) -> dict:
        if self._values is None:
            self.parse(sys.argv)
        return dict(self._values)


def _parsed(name: str, parse: Callable[[Any], Any], value):
    """``parse(value)``, or absl's :class:`IllegalFlagValueError` ``flag --name=value: why``."""
    try:
        return parse(value)
    except (TypeError, ValueError) as error:
        raise IllegalFlagValueError(f"flag --{name}={value}: {error}") from None


def _parse_bool(text) -> bool:
    if isinstance(text, bool):
        return text
    lowered = str(text).lower()
    if lowered in ("true", "t", "1", "yes"):
        return True
    if lowered in ("false", "f", "0", "no"):
        return False
    raise ValueError(f"Non-boolean argument to boolean flag: {text}")


def number_parser(kind: type, lower_bound=None, upper_bound=None) -> Callable[[Any], Any]:
    """A parser of ``int`` or ``float`` values within the bounds, refusing others with absl's description
    (``-1 is not a non-negative integer``, ``1.5 is not a number in the range [0.0, 1.0]``)."""
    noun = "integer" if kind is int else "number"
    described = f"{'an' if kind is int else 'a'} {noun}"
    if lower_bound is not None and upper_bound is not None:
        described = f"{described} in the range [{lower_bound}, {upper_bound}]"
    elif kind is int and lower_bound == 1:
        described = "a positive integer"
    elif kind is int and upper_bound == -1:
        described = "a negative integer"
    elif lower_bound == 0:
        described = f"a non-negative {noun}"
    elif upper_bound == 0:
        described = f"a non-positive {noun}"
    elif upper_bound is not None:
        described = f"{noun} <= {upper_bound}"
    elif lower_bound is not None:
        described = f"{noun} >= {lower_bound}"

    def parse(value):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise TypeError(f"expected {described}; given {value!r}")
        number = kind(value)
        if (lower_bound is not None and number < lower_bound) or (upper_bound is not None and number > upper_bound):
            raise ValueError(f"{number} is not {described}")
        return number
    parse.kind_text = described  # --help's "(an integer)", "(a number)"
    return parse


def enum_parser(values) -> Callable[[Any], str]:
    """A parser accepting only ``values`` (absl's ``value should be one of <a|b>``)."""
    values = list(values)
    if not values:
        raise ValueError("enum_values cannot be empty")

    def parse(value):
        if value not in values:
            raise ValueError(f"value should be one of <{'|'.join(values)}>")
        return value
    parse.choices_text = f"<{'|'.join(values)}>: "  # --help's "--mode: <train|eval>: ..."
    return parse


def list_parser(value) -> list:
    """A comma-separated list (``"a, b"`` is ``["a", "b"]``, ``""`` is ``[]``); a list is taken as it is."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return [item.strip() for item in str(value).split(",")] if value else []


list_parser.kind_text = "a comma separated list"
FLAGS = _FlagValues()


class _FlagsModule:
    """``tf.app.flags`` (also ``tf.flags``): ``DEFINE_string``, ``DEFINE_integer`` and ``DEFINE_float`` (with
    ``lower_bound`` / ``upper_bound``), ``DEFINE_boolean`` / ``DEFINE_bool``, ``DEFINE_enum``, ``DEFINE_list`` and
    ``FLAGS``; any other name raises :class:`~symopt.compat.v1.errors.UnsupportedNameError`."""

    FLAGS = FLAGS

    def __repr__(self) -> str:
        return ("tf.app.flags (DEFINE_string, DEFINE_integer, DEFINE_float, DEFINE_boolean, DEFINE_enum, DEFINE_list, "
                "FLAGS)")

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise unsupported_name("tf.app.flags", name)

    @staticmethod
    def DEFINE_string(name, default, help=None, **unused):  # noqa: N802,A002 - TF1's names
        FLAGS.define(name, default, help, str)

    @staticmethod
    def DEFINE_integer(name, default, help=None, lower_bound=None, upper_bound=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, number_parser(int, lower_bound, upper_bound))

    @staticmethod
    def DEFINE_float(name, default, help=None, lower_bound=None, upper_bound=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, number_parser(float, lower_bound, upper_bound))

    @staticmethod
    def DEFINE_boolean(name, default, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, _parse_bool)

    @staticmethod
    def DEFINE_enum(name, default, enum_values, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, enum_parser(enum_values))

    @staticmethod
    def DEFINE_list(name, default, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, list_parser)

    DEFINE_bool = DEFINE_boolean

    UnrecognizedFlagError = UnrecognizedFlagError
    IllegalFlagValueError = IllegalFlagValueError


flags = _FlagsModule()


def run(main: Callable | None = None, argv: list | None = None):
    """Parse the flags and call ``main(argv)`` (the program's ``__main__.main`` by default); exit with its result.
    As TF1's, it tolerates undefined flags: ``main`` receives them in ``argv``."""
    arguments = FLAGS.parse(sys.argv if argv is None else argv, known_only=True)
    if main is None:
        main = sys.modules["__main__"].main
    sys.exit(main(arguments))
