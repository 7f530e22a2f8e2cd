"""``tf.app.run`` and ``tf.app.flags`` / ``tf.flags``: command-line flags as TF1 programs define them.

``FLAGS`` parses ``sys.argv`` the first time a flag is read (``--name=value``, ``--name value``,
``--flag`` / ``--noflag`` for booleans); ``run(main)`` parses them and calls ``main(argv)`` with the
remaining arguments, exiting with its result as TF1 does.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

__all__ = ["run", "flags", "FLAGS"]


class _FlagValues:
    """The flags defined so far and their values (``FLAGS.learning_rate``)."""

    def __init__(self):
        object.__setattr__(self, "_definitions", {})
        object.__setattr__(self, "_values", None)

    def reset(self) -> None:
        """Forget every flag (a new program starts)."""
        self._definitions.clear()
        object.__setattr__(self, "_values", None)

    def define(self, name: str, default, help_text: str, parse: Callable[[str], Any]) -> None:
        self._definitions[name] = (default, help_text, parse)
        if self._values is not None:
            self._values[name] = default

    def parse(self, argv: list) -> list:
        """Set the flags given in ``argv`` (``argv[0]`` is the program); return the other arguments."""
        values = {name: default for name, (default, _, _) in self._definitions.items()}
        rest = [argv[0]] if argv else []
        arguments = list(argv[1:])
        while arguments:
            argument = arguments.pop(0)
            if not argument.startswith("--") or argument == "--":
                rest.append(argument)
                continue
            name, has_value, text = argument[2:].partition("=")
            if name not in self._definitions and name.startswith("no") and name[2:] in self._definitions:
                values[name[2:]] = False
                continue
            if name not in self._definitions:
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
            try:
                values[name] = parse(text)
            except ValueError:
                raise SystemExit(f"flag --{name}: cannot parse {text!r}") from None
        object.__setattr__(self, "_values", values)
        return rest

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

    def __call__(self, argv: list) -> list:
        return self.parse(argv)

    def flag_values_dict(self) -> dict:
        if self._values is None:
            self.parse(sys.argv)
        return dict(self._values)


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "t", "1", "yes"):
        return True
    if lowered in ("false", "f", "0", "no"):
        return False
    raise ValueError(text)


FLAGS = _FlagValues()


class _FlagsModule:
    """``tf.app.flags`` (also ``tf.flags``): ``DEFINE_string``, ``DEFINE_integer``, ``DEFINE_float``,
    ``DEFINE_boolean`` / ``DEFINE_bool`` and ``FLAGS``."""

    FLAGS = FLAGS

    @staticmethod
    def DEFINE_string(name, default, help=None, **unused):  # noqa: N802,A002 - TF1's names
        FLAGS.define(name, default, help, str)

    @staticmethod
    def DEFINE_integer(name, default, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, int)

    @staticmethod
    def DEFINE_float(name, default, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, float)

    @staticmethod
    def DEFINE_boolean(name, default, help=None, **unused):  # noqa: N802,A002
        FLAGS.define(name, default, help, _parse_bool)

    DEFINE_bool = DEFINE_boolean


flags = _FlagsModule()


def run(main: Callable | None = None, argv: list | None = None):
    """Parse the flags and call ``main(argv)`` (the program's ``__main__.main`` by default); exit with its result."""
    arguments = FLAGS.parse(sys.argv if argv is None else argv)
    if main is None:
        main = sys.modules["__main__"].main
    sys.exit(main(arguments))
