"""review final35 F35-9: .item() / .numpy() on a SymPy number (cost.subs(w, 2.5), the ordinary way to get a number
out of an expression) said the expression "holds no numbers" and advised symopt.evaluate(0.25, data); a number is
told float(...) / int(...) / numpy.float64(...), and what it names gives the number."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.0)


def test_item_of_a_sympy_float_says_float():
    number = ((w - 3) ** 2).subs(w, 2.5)
    with pytest.raises(UnsupportedOperationError) as error:
        number.item()
    message = str(error.value)
    assert "is a SymPy number. Write float(0.250000000000000) for its value" in message
    assert "holds no numbers" not in message and "evaluate" not in message
    assert float(number) == 0.25


def test_item_of_a_sympy_integer_says_int():
    with pytest.raises(UnsupportedOperationError, match=r"Write int\(3\) for its value"):
        sympy.Integer(3).item()
    assert int(sympy.Integer(3)) == 3


def test_numpy_of_a_sympy_number_says_numpy_float64():
    with pytest.raises(UnsupportedOperationError, match=r"Write numpy\.float64\(sqrt\(2\)\)"):
        sympy.sqrt(2).numpy()
    assert np.float64(sympy.sqrt(2)) == np.sqrt(2.0)


def test_item_of_a_symbolic_expression_still_says_evaluate():
    with pytest.raises(UnsupportedOperationError, match=r"holds no numbers\. Write symopt\.evaluate"):
        ((w - 3) ** 2).item()
