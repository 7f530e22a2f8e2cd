r"""A Variable's or Placeholder's name must not read as a formula in the derivations that print it.

``Variable("my w", ...)`` and ``Variable("w+b", ...)`` printed bare, ``dJ/dmy w``, ``u = w+b²`` (probe69 P69-5); the
command line refuses such names, and so do these constructors: whitespace, operators, brackets and quotes.  The
characters TensorFlow allows in its names stay accepted (letters, digits, ``_``, ``.``, ``-``, ``/``, ``>``, ``\\``, and
``:`` in tensor names), since the compat layer passes TF1's names on and TF1 takes ``w-1`` and ``2w``; so those two
still print bare (left open: bracketing them is the displays' part).
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ConfigurationError

__all__ = ["TENSORFLOW_NAME_CHARACTERS", "reads_as_one_symbol", "check_symbol_name"]

#: The characters besides letters, digits and ``_`` that TensorFlow allows in a name (its scopes, tensor indices).
TENSORFLOW_NAME_CHARACTERS = ".-/>:\\"


def _name_character(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M") \
        or character in TENSORFLOW_NAME_CHARACTERS


def reads_as_one_symbol(name: str) -> bool:
    """Whether ``name`` holds name characters only: letters, digits, ``_``, combining marks and TensorFlow's
    ``.-/>:\\``."""
    return bool(name) and all(map(_name_character, name))


def _suggestion(name: str) -> str:
    """``my w`` -> ``my_w``, ``w+b`` -> ``w_b``, ``w'`` -> ``w_prime``, ``w⁽¹⁾`` -> ``w_1``; never the name with
    characters dropped (``w!``, ``(w)`` -> ``w_1``, not another symbol's ``w``)."""
    spelled = unicodedata.normalize("NFKC", name.replace("'", "_prime"))
    parts = [part for part in re.split(r"[^\w./:>\\-]+", spelled) if part]
    suggestion = "_".join(parts) or "w"
    only_dropped = len(parts) == 1 and "'" not in name  # (w), w!: characters dropped, none joined or spelled
    return suggestion + "_1" if only_dropped else suggestion


def check_symbol_name(kind: str, name: str) -> None:
    """Refuse a ``kind`` (``"Variable"``, ``"Placeholder"``) name that does not read as one symbol."""
    if not isinstance(name, str) or not name or reads_as_one_symbol(name):  # no name: shape_tuple says so
        return
    raise ConfigurationError(
        f"{kind} name {name!r}: expected a name that reads as one symbol (letters, digits and _, with TensorFlow's "
        f"scope characters . - / > : \\ ); given {name!r}, which the derivations would print bare, so that the formulas "
        f"read as another cost's (dJ/dmy w, u = w+b²). Name it {_suggestion(name)!r}, as the command line would "
        "ask.")
