"""Names of the command line's expressions that the displays could not show as typed.

* A name the user typed that SymPy's simplification took out of the expression (``x*0 + w`` is ``w``, ``w - w + 1``
  is ``1``): the command line says that the name cancelled, so the cost does not depend on it (the oracle:
  ``sympy.diff(cost, x) == 0``), instead of "the expression has no symbol 'x'", which contradicts what the user typed
  (probe55 P55-2).
* A symbol ``d`` + the name of another symbol or of the cost ``J`` (``du`` beside ``u``, ``dJ``): the derivations
  write the derivative by ``x`` as ``dJ/dx``, so ``dJ/ddu = dJ + w`` would read as differentials (probe55 P55-8); it
  is refused, as ``names=`` refuses such a step name.
"""

from __future__ import annotations

import sympy

from symopt.errors import ConfigurationError
from symopt.matrix_shapes import short
from symopt.parse import CONSTANTS, cli_text
from symopt.parse_tokens import tokenize

__all__ = ["typed_symbol_names", "refuse_cancelled", "refuse_differential_names"]


def typed_symbol_names(text: str) -> set[str]:
    """The names ``text`` (an expression the parser has read) uses as symbols: its names that are neither called
    (functions) nor constants (``pi``, ``e``)."""
    tokens = tokenize(text)
    return {token.text for token, after in zip(tokens, tokens[1:])
            if token.kind == "name" and after.text != "(" and token.text not in CONSTANTS}


def refuse_cancelled(option: str, names, text: str, cost: sympy.Expr) -> None:
    """Raise a :class:`ConfigurationError` for the first of ``names`` (given with ``option``) that ``text`` holds but
    its parsed ``cost`` no longer does: the name cancelled, so :math:`\\partial J/\\partial x = 0` everywhere."""
    present = {symbol.name for symbol in cost.free_symbols}
    typed = typed_symbol_names(text)
    for name in names:
        if name in typed and name not in present:
            raise ConfigurationError(
                f"{option} {name}: {name} cancels out when SymPy simplifies the expression ({short(text.strip())} is "
                f"{short(cli_text(cost))}), so the cost does not depend on {name} (dJ/d{name} = 0 everywhere); "
                f"remove {name} from {option}")


def refuse_differential_names(cost: sympy.Expr) -> None:
    """Raise a :class:`ConfigurationError` for a symbol of ``cost`` named ``d`` + another symbol's name or ``dJ``."""
    names = {symbol.name for symbol in cost.free_symbols}
    for name in sorted(names):
        of = name[1:]
        if name.startswith("d") and (of == "J" or of in names):
            beside = "the cost J" if of == "J" else f"the symbol {of!r}"
            raise ConfigurationError(
                f"expected symbol names that do not read as differentials; given {name!r} beside {beside}: the "
                f"derivation writes the derivative by x as dJ/dx, so {name} would read as the differential of {of} "
                f"(dJ/d{name}, dJ/d{of} = {name}); rename {name}, e.g. delta_{of}")
