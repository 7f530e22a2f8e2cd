"""Symbols that share a name (a Variable ``w`` beside a plain SymPy ``Symbol("w")``, data named like an optimizer's
own state ``beta1_power`` or ``global_step``) train as if their names differed: the generated step names each by
its own Python name.  Oracle: gradient descent written by hand, and the same run with the names made distinct."""

import numpy as np
import pytest
import sympy

import symopt


def hand_gd(start: float, target: float, lr: float, steps: int):
    """GD on (w - target)^2: the parameters before each step's update and their costs."""
    w, history = start, []
    for _ in range(steps):
        history.append((w - target) ** 2)
        w -= lr * 2 * (w - target)
    return w, history


def variable(name: str):
    return symopt.Variable(name, 0.0)


BACKENDS = ["numpy", pytest.param("jax", marks=pytest.mark.skipif(
    __import__("importlib").util.find_spec("jax") is None, reason="optional: pip install jax"))]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_plain_symbol_named_like_the_parameter_is_data_of_its_own(backend):
    w, data = variable("w"), sympy.Symbol("w")
    result = symopt.minimize((w - data) ** 2, w, data={data: 3.0}, optimizer=symopt.GradientDescent(0.1), steps=5,
                             backend=backend)
    final, history = hand_gd(0.0, 3.0, 0.1, 5)
    np.testing.assert_allclose(result[w], final, rtol=1e-6)
    np.testing.assert_allclose(result.history, history, rtol=1e-6)


def test_two_parameters_sharing_a_name_each_follow_their_own_gradient():
    a, b = variable("a"), sympy.Symbol("a")
    result = symopt.minimize((a - 1) ** 2 + (b + 1) ** 2, {a: 0.0, b: 0.0}, optimizer=symopt.GradientDescent(0.1),
                             steps=5)
    np.testing.assert_allclose([result[a], result[b]], [hand_gd(0.0, 1.0, 0.1, 5)[0], hand_gd(0.0, -1.0, 0.1, 5)[0]],
                               rtol=1e-6)


@pytest.mark.parametrize("name, optimizer", [
    ("beta1_power", symopt.Adam(0.1)), ("beta2_float32", symopt.Adam(0.1)), ("lr", symopt.GradientDescent(0.1)),
    ("global_step", symopt.GradientDescent(symopt.ExponentialDecay(0.1, 10, 0.5))),
    ("g_v", symopt.Momentum(0.1, 0.9)), ("m_v", symopt.Adam(0.1))])
def test_data_named_like_the_optimizers_state_is_read_as_data(name, optimizer):
    v = variable("v")
    runs = []
    for data in (sympy.Symbol(name), sympy.Symbol(f"{name}_data")):
        runs.append(symopt.minimize((v - data) ** 2, v, data={data: 2.0}, optimizer=optimizer, steps=3))
    np.testing.assert_array_equal(runs[0][v], runs[1][v])
    np.testing.assert_array_equal(runs[0].history, runs[1].history)


def test_a_positional_call_is_refused_where_two_inputs_share_a_name():
    w = variable("w")
    first, second = symopt.Placeholder("x"), symopt.Placeholder("x")
    f = symopt.compile((w - first + 2 * second) ** 2, w)
    with pytest.raises(symopt.errors.FeedError, match="compiled without inputs="):
        f(1.0, 5.0, 1.0)
    assert f({w: 1.0, first: 5.0, second: 1.0})[0] == 4.0  # (1 - 5 + 2)^2, by symbol
    assert symopt.compile((w - first + 2 * second) ** 2, w, inputs=[second, first])(1.0, 1.0, 5.0)[0] == 4.0
    with pytest.raises(symopt.errors.ConfigurationError, match="2 different inputs of that name"):
        symopt.compile((w - first + 2 * second) ** 2, w, inputs=["x", "x"])


def test_bounds_without_a_method_are_refused_before_anything_runs():
    x = sympy.Symbol("x", real=True)
    with pytest.raises(symopt.errors.ConfigurationError, match="method='lbfgs'"):
        symopt.minimize((x - 5) ** 2, {x: 0.0}, bounds={x: (0, 1)}, optimizer=symopt.Adam(0.5), steps=3)
