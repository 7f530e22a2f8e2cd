"""Where the expression goes among the ``symopt`` command line's items, for :mod:`symopt.cli`.

* :func:`expression_first` lets an expression start with ``-`` (``symopt derive "-log(w)" --wrt w``) and refuses an
  option's spelling where the expression goes (``-h``, ``--w``: write it after ``--``, probe44 P44-5);
* :func:`split_expression_error` refuses an expression the shell split into several items (probe55 P55-5):
  unquoted, ``symopt derive w^2 + 1 --wrt w`` arrives as ``w^2``, ``+``, ``1``, which argparse reported as
  "unrecognized arguments: + 1" under the top-level usage; the refusal says that the expression is one argument and
  shows the command with it quoted, ``symopt derive "w^2 + 1" --wrt w``;
* :func:`parse_command_line` is ``parse_args`` with both.
"""

from __future__ import annotations

import argparse
import re
import shlex

from symopt.errors import ConfigurationError

__all__ = ["expression_first", "items_taken", "parse_command_line", "split_expression_error", "subparsers"]

#: Left-over items that are no piece of an expression: an option (``--name``) or a ``name=value`` of a list
#: with a space in it (``--at w=1 b=2``, final41c F41c-5).
_NOT_A_PIECE = re.compile(r"--[A-Za-z][\w-]*(=.*)?|[^=]*=.*")


def items_taken(option: argparse.Action, item: str) -> int:
    """How many command-line items an occurrence of ``option`` takes: 2 where its value is the next item, else 1
    (a flag, or ``--name=value``)."""
    return 2 if option.nargs != 0 and "=" not in item else 1


def split_expression_error(command: str, options: dict, items: list[str], extras: list[str]
                           ) -> ConfigurationError | None:
    """The refusal of ``symopt <command> <items...>`` (as typed) whose ``extras`` (the items argparse left over)
    are most likely pieces of the expression; None where one is an unknown ``--option``.  ``options`` are the
    subcommand's option strings and their actions."""
    if not extras or any(_NOT_A_PIECE.fullmatch(extra) for extra in extras):
        return None
    pieces, kept, index, last_piece = [], [], 0, -1
    while index < len(items):
        item = items[index]
        if item == "--":
            pieces += items[index + 1:]
            break
        action = options.get(item.split("=", 1)[0])
        if action is None:
            if pieces and index - 1 != last_piece:
                return None  # not beside the expression: a space in an option's list (--wrt w b), for argparse
            pieces.append(item)
            last_piece = index
            index += 1
            continue
        taken = items_taken(action, item)
        kept += items[index:index + taken]
        index += taken
    if len(pieces) < 2:
        return None
    quoted = " ".join(shlex.quote(item) for item in kept)
    return ConfigurationError(
        f"{command}: expected the expression as one argument; given {pieces[0]!r} followed by "
        f"{' '.join(pieces[1:])!r}, as a shell splits an unquoted expression at its spaces. Quote it: "
        f"symopt {command} \"{' '.join(pieces)}\"{' ' + quoted if quoted else ''}")


def expression_first(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Let the expression start with ``-``: before any positional argument, an argument that starts with
    ``-`` and is no option of the subcommand (``-log(w)``, ``-w``) moves behind ``--``; an unknown
    ``--name`` is left for argparse to report where an expression follows.  Where no expression follows, ``-h``
    (help) among other arguments and an unknown ``--name`` are refused: either may be the expression (``-h`` is
    :math:`-h`, ``--w`` is :math:`w`), which goes after ``--`` (``symopt derive --wrt h -- -h``)."""
    commands = subparsers(parser)
    if not argv or argv[0] not in commands:
        return argv
    options = commands[argv[0]]._option_string_actions
    rest, index = argv[1:], 0
    while index < len(rest):
        item = rest[index]
        if item == "--" or not item.startswith("-") or item == "-":
            return argv
        name = item.split("=", 1)[0]
        if name not in options:
            if item.startswith("--") and re.fullmatch(r"--[A-Za-z][\w-]*", name):
                if _expression_follows(options, rest[index + 1:]):
                    return argv
                raise _option_or_expression(argv[0], rest, index, f"no option of {argv[0]}", asks_help=False)
            return [argv[0], *rest[:index], *rest[index + 1:], "--", item]
        if name in ("-h", "--help") and len(rest) > 1 and not _expression_follows(options, rest[index + 1:]):
            raise _option_or_expression(argv[0], rest, index, "the help option", asks_help=True)
        index += items_taken(options[name], item)
    return argv


def _expression_follows(options: dict, rest: list[str]) -> bool:
    """Whether ``rest`` (after an option) holds a positional argument: after ``--``, or an item that is no option
    (``w^2``, ``-log(w)``)."""
    index = 0
    while index < len(rest):
        item = rest[index]
        name = item.split("=", 1)[0]
        if item == "--":
            return index + 1 < len(rest)
        if name not in options:
            return True
        index += items_taken(options[name], item)
    return False


def _option_or_expression(command: str, rest: list[str], index: int, meaning: str, asks_help: bool
                          ) -> ConfigurationError:
    """The refusal of an item that is an option's spelling where the expression goes (probe44 P44-5)."""
    item, others = rest[index], [*rest[:index], *rest[index + 1:]]
    help_hint = f", or symopt {command} -h alone for help" if asks_help else ""
    return ConfigurationError(f"{command}: expected the expression, or options only; given {item!r}, which is "
                              f"{meaning}, where the expression goes. For the expression {item}, write it after "
                              f"'--': symopt {command} {' '.join(others)} -- {item}{help_hint}")


def subparsers(parser: argparse.ArgumentParser) -> dict:
    """The subcommands of ``parser`` by name (``derive``: its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def parse_command_line(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args`` of ``argv`` with the expression first (:func:`expression_first`), except that items
    left over beside an expression (``derive w^2 + 1 --wrt w``: ``+ 1``) are refused as a split expression, with the
    command quoted (:func:`split_expression_error`)."""
    args, extras = parser.parse_known_args(expression_first(parser, argv))
    if extras and hasattr(args, "expr"):
        refusal = split_expression_error(args.command, subparsers(parser)[args.command]._option_string_actions,
                                         argv[1:], extras)
        if refusal is not None:
            raise refusal
    if extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args
