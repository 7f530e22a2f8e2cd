r"""``(a > 0) ^ w``, ``a & w``, ``~w``, ``w >> a``: SymPy's logic operators of a symopt Variable or Placeholder are
refused.

Every SymPy ``Symbol`` is also a logic ``Boolean``, so SymPy builds ``Xor(w, a > 0)``, ``And(w, a)``, ``Not(w)`` from
a symopt symbol, and evaluating one reads the number as a truth value (``~w`` at ``w = 0.5`` is ``False``, ``a | w``
is 0.5): a silent wrong number (final44e F44e-10).  A symopt Variable or Placeholder is a number, never a truth value;
SymPy's own logic of plain symbols and conditions (``p & q``, ``(x > 0) ^ p``, ``~(w > 0)``) is kept.
"""

from __future__ import annotations

from sympy.logic.boolalg import Boolean, BooleanFunction

from .errors import UnsupportedOperationError
from .symbol_kinds import is_symopt_symbol
from .xor_operator import shown_operand, xor_message

__all__ = ["LOGIC_OPERATORS", "guard_logic_operators", "matrix_logic_message", "refuse_logic_of_numbers"]

#: ``Boolean`` method → (Python's operator, the logic it builds in SymPy, whether the method is the reflected one).
LOGIC_OPERATORS = {
    "__and__": ("&", "and", False), "__rand__": ("&", "and", True),
    "__or__": ("|", "or", False), "__ror__": ("|", "or", True),
    "__xor__": ("^", "exclusive or", False), "__rxor__": ("^", "exclusive or", True),
    "__rshift__": (">>", "implication", False), "__rrshift__": (">>", "implication", True),
    "__lshift__": ("<<", "converse implication", False), "__rlshift__": ("<<", "converse implication", True),
    "__invert__": ("~", "not", False),
}


def guard_logic_operators() -> None:
    """Wrap SymPy's ``Boolean`` operators (of symbols, conditions and logic functions) so that an operand that is a
    symopt symbol raises :class:`~symopt.errors.UnsupportedOperationError` (idempotent)."""
    if getattr(Boolean, "_symopt_logic_guarded", False):
        return
    for method, (operator, meaning, reflected) in LOGIC_OPERATORS.items():
        setattr(Boolean, method, _refusing(getattr(Boolean, method), operator, meaning, reflected))
    Boolean._symopt_logic_guarded = True


def _refusing(original, operator: str, meaning: str, reflected: bool):
    def refusing(self, *other):
        operands = (*other, self) if reflected else (self, *other)
        numbers = [operand for operand in operands if is_symopt_symbol(operand)]
        if not numbers:
            return original(self, *other)
        shown = [shown_operand(operand) for operand in operands]
        written = f"{operator}{shown[0]}" if not other else f" {operator} ".join(shown)
        if getattr(numbers[0], "is_Matrix", False):  # X > 0 is refused too: entries are chosen by symopt.ops
            raise UnsupportedOperationError(matrix_logic_message(written, operator, meaning, numbers[0]))
        if operator == "^":
            raise UnsupportedOperationError(xor_message(*operands))
        raise UnsupportedOperationError(
            f"{written}: {operator} is the logical {meaning} of truth values, and {numbers[0]} is a symopt Variable or "
            f"Placeholder: a number, never a truth value. Expected truth values: compare the number first "
            f"({numbers[0]} > 0), or for numbers use sympy.Min / sympy.Max, or sympy.Piecewise for a choice.")
    refusing.__name__ = original.__name__
    return refusing


def matrix_logic_message(written: str, operator: str, meaning: str, matrix) -> str:
    """The refusal of ``X & a`` for a symopt matrix ``X``: its entries are numbers, and ``X > 0`` has no entries to
    compare until data is fed, so the choice per entry is a :mod:`symopt.ops` function or a fed 0/1 mask (45a-11)."""
    return (f"{written}: {operator} is the logical {meaning} of truth values, and {matrix} is a symopt matrix "
            f"Variable or Placeholder: its entries are numbers, never truth values, and it has no entries to compare "
            f"until data is fed. Expected symopt.ops for a choice per entry (symopt.ops.relu({matrix}), "
            f"symopt.ops.sigmoid({matrix})), or a 0/1 mask fed as data and multiplied in (symopt.ops.hadamard).")


def refuse_logic_of_numbers(nodes) -> None:
    """Refuse a SymPy logic function among ``nodes`` (``sympy.Not(w)``, ``sympy.Xor(w, a > 0)``, ``sympy.And(w, ...)``,
    ``sympy.ITE(w, ...)``) with a symopt Variable or Placeholder as an argument: the function spellings of the
    operators guarded above, which SymPy's constructors build, refused where ``compile``/``evaluate`` read the
    expression (final45a 45a-7: ``Not(w)`` at ``w = 0.5`` evaluated to False)."""
    for node in nodes:
        if isinstance(node, BooleanFunction):
            numbers = [argument for argument in node.args if is_symopt_symbol(argument)]
            if numbers:
                raise UnsupportedOperationError(
                    f"{str(node)[:120]}: SymPy's {type(node).__name__} takes truth values, and {numbers[0]} is a "
                    f"symopt Variable or Placeholder: a number, never a truth value (0.5 or NaN has none to "
                    f"check). Expected truth values: compare the number first ({numbers[0]} > 0.5), or for numbers "
                    f"use sympy.Min / sympy.Max, or sympy.Piecewise for a choice.")
