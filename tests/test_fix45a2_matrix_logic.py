"""45a-11: a symopt matrix in SymPy logic (X & a, a | X, (a > 0) ^ X) is refused as a matrix whose entries are
numbers, advising what works (symopt.ops, a fed mask), not "compare the number first (X > 0)", which symopt
refuses.

Oracle: the advice is checked by doing it: X > 0 raises, symopt.ops.relu(X) and symopt.ops.sigmoid(X) build."""

import pytest
import sympy

import symopt
from symopt.errors import SymoptError, UnsupportedOperationError

X = symopt.Placeholder("X", (None, 2))
a = sympy.Symbol("a")


@pytest.mark.parametrize("make, written", [(lambda: X & a, "X & a"), (lambda: a | X, "a | X"),
                                           (lambda: (a > 0) ^ X, "(a > 0) ^ X")])
def test_a_matrix_in_logic_is_refused_as_a_matrix(make, written):
    with pytest.raises(SymoptError):
        X > 0  # what the old advice said to write
    symopt.ops.relu(X), symopt.ops.sigmoid(X)  # what the new advice says: builds
    with pytest.raises(UnsupportedOperationError) as raised:
        make()
    message = str(raised.value)
    assert message.startswith(f"{written}:") and "symopt matrix" in message and "symopt.ops.relu(X)" in message
    assert "(X > 0)" not in message and "w**2" not in message and "a number, never" not in message
