"""final43a F43a-6: an op given a generator, a set or a nested list of expressions is refused naming them, as a list
is, not handed back unchanged (``ops.sum(W for W in weights)`` was the generator itself) or refused with a bare
``TypeError`` or a 4-D Placeholder advice; the advice to sum the results is given to reductions only."""

import pytest

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

W1, W2 = symopt.Variable("W1", 0.0, shape=(2, 2)), symopt.Variable("W2", 0.0, shape=(2, 3))


@pytest.mark.parametrize("build, kind", [
    (lambda: ops.sum(W for W in [W1, W2]), "generator of 2 expressions"),
    (lambda: ops.sum({W1}), "set of 1 expression"),
    (lambda: ops.l2_penalty(W for W in [W1, W2]), "generator of 2 expressions"),
    (lambda: ops.sum({"a": W1}.values()), "dict_values of 1 expression"),
])
def test_an_iterable_of_expressions_is_refused_naming_them(build, kind):
    with pytest.raises(UnsupportedOperationError, match=kind):
        build()


def test_a_nested_list_of_expressions_gets_no_placeholder_advice():
    with pytest.raises(UnsupportedOperationError) as refused:
        ops.sum([[W1]])
    assert "Placeholder" not in str(refused.value) and "W1" in str(refused.value)


def test_a_number_is_not_called_an_expression_and_elementwise_ops_are_not_told_to_sum():
    with pytest.raises(UnsupportedOperationError, match="list of 2 entries"):
        ops.sum([W1, 2.0])
    w = symopt.Variable("w", 1.0)
    with pytest.raises(UnsupportedOperationError) as refused:
        ops.sigmoid([w, 2 * w])
    assert "for a total" not in str(refused.value)
