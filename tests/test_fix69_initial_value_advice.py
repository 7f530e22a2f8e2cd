"""P69-9: ``Variable("W", [0.0], shape=(3, 1))`` was told to ``value.reshape(-1, 1)`` (or to declare shape=(3,)),
neither of which fits one entry; it is told that a bare number fills the shape.  Column/row advice is given only
where the length fits.  Oracle for the advised spelling: ``numpy.full((3, 1), 0.5)``."""

import numpy as np
import pytest

import symopt
from symopt.errors import FeedError, ShapeError


@pytest.mark.parametrize("init", [[0.5], np.array([0.5]), np.array([[0.5]])])
def test_a_one_entry_initial_value_is_told_to_give_the_number(init):
    with pytest.raises(ShapeError, match=r"A number fills the whole shape: give it bare, "
                                         r"symopt\.Variable\('W', 0\.5, shape=\(3, 1\)\)") as raised:
        symopt.Variable("W", init, shape=(3, 1))
    assert "reshape" not in str(raised.value)
    np.testing.assert_array_equal(symopt.Variable("W", 0.5, shape=(3, 1)).init, np.full((3, 1), 0.5))


def test_a_vector_of_the_right_length_still_gets_the_column_advice():
    with pytest.raises(ShapeError, match=r"value\.reshape\(-1, 1\)"):
        symopt.Variable("W", [1.0, 2.0, 3.0], shape=(3, 1))


def test_a_vector_of_another_length_gets_no_column_advice():
    with pytest.raises(ShapeError) as raised:
        symopt.Variable("W", [1.0, 2.0], shape=(3, 1))
    assert "reshape(-1, 1)" not in str(raised.value)
    x = symopt.Placeholder("x", (3, 1))
    with pytest.raises((ShapeError, FeedError)) as fed:
        symopt.evaluate(x[0, 0] * 2, {x: [1.0, 2.0]})
    assert "reshape(-1, 1)" not in str(fed.value)
