r"""A Variable's or Placeholder's name must read as one symbol in the formulas that print it.

``Variable("2w", ...)`` printed ``dJ/d2w = 2·2w + 2`` (read as :math:`4w + 2`) and ``Variable("w-1", ...)`` printed
``u = w-1²`` (probe69 P69-5); the command line refuses such names, and so do these constructors: a name starts with a
letter or ``_`` and goes on with letters, digits (subscripts too), ``_`` and combining marks.  ``.``, ``/`` and ``:``
separate scopes, as in TensorFlow's names (``dense/kernel``), which the compat layer passes on.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ConfigurationError

__all__ = ["SCOPE_SEPARATORS", "reads_as_one_symbol", "check_symbol_name"]

#: Characters a name may hold between its parts (TensorFlow's scopes and tensor names).
SCOPE_SEPARATORS = "./:"


def _name_character(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M") \
        or character in SCOPE_SEPARATORS


def reads_as_one_symbol(name: str) -> bool:
    """Whether ``name`` prints as one symbol: a letter or ``_`` first, then name characters only."""
    return bool(name) and (name[0].isalpha() or name[0] == "_") and all(map(_name_character, name))


def _suggestion(name: str) -> str:
    """``2w`` -> ``w2``, ``w-1`` -> ``w_1``, ``my w`` -> ``my_w``."""
    parts = [part for part in re.split(r"[^\w./:]+", name) if part]
    joined = "_".join(parts) or "w"
    digits = re.match(r"\d+", joined)
    if digits:
        joined = (joined[digits.end():].lstrip("_") or "w") + digits.group()
    return joined


def check_symbol_name(kind: str, name: str) -> None:
    """Refuse a ``kind`` (``"Variable"``, ``"Placeholder"``) name that does not read as one symbol."""
    if not isinstance(name, str) or reads_as_one_symbol(name):
        return
    raise ConfigurationError(
        f"{kind} name {name!r}: expected a name that reads as one symbol (a letter or _ first, then letters, digits "
        f"and _; '.', '/' and ':' separate scopes); given {name!r}, which the derivations would print bare, so that "
        f"the formulas read as another cost's (dJ/d2w = 2·2w + 2 reads as 4w + 2). Name it {_suggestion(name)!r}, "
        "as the command line would ask.")
