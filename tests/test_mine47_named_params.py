"""probe74 P74-4: ``result.params`` is keyed by SymPy symbols, which JAX cannot sort when it flattens a dict; the
run's parameters keyed by name (``result.named_params``) are a pytree, and sorting symbols says what to do."""

import importlib.util

import numpy as np
import pytest
import sympy

import symopt
from symopt.symbolic_numbers import SymbolicNumberError


def lecture_pair():
    w, v = sympy.symbols("w v")
    return w, v, symopt.minimize((w - 3) ** 2 + (v + 1) ** 2, {w: 0.0, v: 0.0}, optimizer=symopt.GradientDescent(0.25), steps=100)


def test_named_params_are_keyed_by_name_with_the_values_of_params():
    w, v, result = lecture_pair()
    named = result.named_params
    assert list(named) == ["w", "v"]  # run order, as the repr
    assert sorted(named) == ["v", "w"]  # string keys sort: what JAX does to a dict
    assert named["w"] is result.params[w] and named["v"] is result.params[v]
    np.testing.assert_allclose([float(named["w"]), float(named["v"])], [3.0, -1.0], atol=1e-6)  # hand: the minimum


def test_two_parameters_of_one_name_keep_distinct_labels():
    first, second = sympy.Symbol("W"), sympy.Dummy("W")
    result = symopt.minimize((first - 1) ** 2 + (second + 2) ** 2, {first: 0.0, second: 0.0}, optimizer=symopt.GradientDescent(0.25),
                             steps=100)
    named = result.named_params
    assert len(named) == 2 and "W" in named  # the second one's label is the repr's W′, not a second "W" dropped
    np.testing.assert_allclose(sorted(float(v) for v in named.values()), [-2.0, 1.0], atol=1e-6)


def test_sorting_symbols_names_the_way_out():
    w, v, result = lecture_pair()
    with pytest.raises(SymbolicNumberError, match="named_params"):
        sorted(result.params)
    assert sorted(result.params, key=sympy.default_sort_key) == [v, w]  # the advice given works


def test_an_if_on_a_symbol_keeps_its_own_advice():
    w, v, result = lecture_pair()  # the run installs symopt's checked conversions
    with pytest.raises(SymbolicNumberError) as raised:
        bool(w > 0)
    assert "Piecewise" in str(raised.value) and "named_params" not in str(raised.value)  # final47a 47a-8


@pytest.mark.skipif(importlib.util.find_spec("jax") is None, reason="JAX is an optional extra")
def test_named_params_are_a_jax_pytree():
    import jax

    w, v, result = lecture_pair()
    leaves = jax.tree_util.tree_leaves(jax.device_put(result.named_params))
    np.testing.assert_allclose(sorted(float(x) for x in leaves), [-1.0, 3.0], atol=1e-6)
