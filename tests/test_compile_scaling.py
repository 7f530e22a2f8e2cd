"""Size never decides: the compile pipeline walks each DAG node once, without recursion.

Work is bounded by structure (visit counts, line counts), never by wall time.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import program
from symopt.compiler import free_inputs
from symopt.traversal import postorder


def _nested_sigmoids(depth: int):
    x = symopt.Placeholder("x")
    parameters, value = [], x
    for k in range(depth):
        w, b = symopt.Variable(f"w{k}", 0.5), symopt.Variable(f"b{k}", 0.0)
        parameters += [w, b]
        value = symopt.sigmoid(w * value + b)
    return value, parameters, x


def _reference(depth: int, x: float) -> float:
    value = x
    for _ in range(depth):
        value = float(1 / (1 + sympy.exp(-(0.5 * value))))
    return value


def test_deep_expression_compiles_and_evaluates():
    cost, _, x = _nested_sigmoids(1000)
    assert symopt.evaluate(cost, {x: 0.3}) == pytest.approx(_reference(1000, 0.3), rel=1e-12)


def test_deep_expression_is_printed_as_short_lines():
    cost, parameters, x = _nested_sigmoids(100)
    function = symopt.compile(cost, parameters)
    lines = function.source.splitlines()
    assert len(lines) > 100 / program.MAX_INLINE_DEPTH
    assert max(line.count("(") for line in lines) < 4 * program.MAX_INLINE_DEPTH
    value, gradients = function(*[0.5, 0.0] * 100, 0.3)
    assert value == pytest.approx(_reference(100, 0.3), rel=1e-12)
    assert len(gradients) == 200


def test_free_inputs_of_a_deep_expression():
    cost, parameters, x = _nested_sigmoids(2000)
    assert free_inputs([cost]) == sorted(parameters + [x], key=lambda s: (s.name, type(s).__name__))


def _visits(depth: int, monkeypatch) -> int:
    calls = []
    original = program._operands

    def counting(node):
        calls.append(node)
        return original(node)

    monkeypatch.setattr(program, "_operands", counting)
    cost, parameters, _ = _nested_sigmoids(depth)
    program.build_program([cost] + symopt.grad(cost, parameters), parameters)
    monkeypatch.setattr(program, "_operands", original)
    return len(calls)


def test_program_building_visits_grow_linearly(monkeypatch):
    small, large = _visits(20, monkeypatch), _visits(40, monkeypatch)
    assert large <= 2.2 * small


def _reference_gradient(depth: int, weights: np.ndarray, biases: np.ndarray, x: float) -> np.ndarray:
    """Reverse mode by hand for s_k = sigmoid(w_k s_{k-1} + b_k): [dw_0, db_0, dw_1, db_1, ...]."""
    values = [x]
    for w, b in zip(weights, biases):
        values.append(1 / (1 + np.exp(-(w * values[-1] + b))))
    gradient, upstream = np.zeros(2 * depth), 1.0
    for k in reversed(range(depth)):
        dz = upstream * values[k + 1] * (1 - values[k + 1])
        gradient[2 * k], gradient[2 * k + 1] = dz * values[k], dz
        upstream = dz * weights[k]
    return gradient


def test_320_nested_sigmoids_differentiate_and_compile_in_linear_size(monkeypatch):
    """K = 320 (640 parameters) under the default recursion limit; the gradient DAG and the program grow
    linearly with K (structure, not time, is what is bounded)."""
    depth = 320
    cost, parameters, x = _nested_sigmoids(depth)
    gradients = symopt.grad(cost, parameters)
    assert len(postorder(gradients)) <= 12 * depth
    rng = np.random.default_rng(0)
    weights, biases = rng.uniform(0.5, 2.0, depth), rng.uniform(-0.5, 0.5, depth)
    values = [v for pair in zip(weights, biases) for v in pair]
    value, found = symopt.compile(cost, parameters)(*values, 0.3)
    expected = _reference_gradient(depth, weights, biases, 0.3)
    np.testing.assert_allclose(np.array(found, dtype=float), expected, rtol=1e-9, atol=1e-300)
    assert _visits(4 * 80, monkeypatch) <= 4.4 * _visits(80, monkeypatch)


def test_membership_of_many_scalar_parameters_is_by_set_not_list(monkeypatch):
    """u-probe U6: ``s not in parameters`` on a list made compile and every repeated minimize O(n²) in SymPy
    comparisons; the per-call path now compares a symbol with a parameter only through a set (hash first)."""
    import sympy
    n = 400
    ps = [symopt.Variable(f"q{i}", 0.0) for i in range(n)]
    cost = sympy.Add(*[(p - i % 3) ** 2 for i, p in enumerate(ps)])
    symopt.minimize(cost, ps, steps=1)  # compiled and cached
    calls = []
    original = type(ps[0]).__eq__
    monkeypatch.setattr(type(ps[0]), "__eq__", lambda self, other: calls.append(1) or original(self, other))
    symopt.minimize(cost, ps, steps=1)
    assert len(calls) < 10 * n  # a list scan per input made n²/2 = 80 000 comparisons


def test_an_elementwise_body_reading_its_argument_twice_gets_a_temporary():
    """v-probe V12: ELU's body ``where(z > 0, z, exp(z) - 1)`` printed its compound argument (the layer below) in
    place at each read, so the code of a d-layer network grew as 3^d; the argument is named once instead."""
    import sympy
    from symopt import ops
    X = symopt.Placeholder("X_elu", (None, 4))
    h, weights = X, []
    for i in range(6):
        W = symopt.Variable(f"W_elu{i}", np.eye(4) * 0.5, shape=(4, 4))
        weights.append(W)
        h = (h @ W).applyfunc(lambda v: sympy.Piecewise((v, v > 0), (sympy.exp(v) - 1, True)))
    from symopt.compiler import compile_expressions
    evaluate_only, _ = compile_expressions([ops.sum(h)], [X] + weights, dtype="float64")  # no gradient: no other read
    assert evaluate_only.source.count("@") == 6
    f = symopt.compile(ops.sum(h), weights)
    assert f.source.count("@") == 6 + 6 + 5  # forward, each dW, each dX below the top
    value, gradients = f({X: np.ones((2, 4)), **{W: W.init for W in weights}})
    assert value == pytest.approx(2 * 4 * 0.5 ** 6)
    assert symopt.evaluate(ops.sum(h), {X: np.ones((2, 4))}) == pytest.approx(value)


def test_a_deep_tf1_network_of_hand_written_activations_builds_in_linear_work(monkeypatch):
    """v-probe V15: Géron's ``leaky_relu = tf.maximum(0.01 * z, z)`` reads z twice per layer; SymPy's
    ``free_symbols`` / ``has`` / ``srepr`` walk the graph as a tree (2^depth), so minimize took 8.5 s at depth 3 and
    over 280 s at depth 4.  Counted: SymPy's ``Basic.free_symbols`` calls while the step is built and run."""
    import sympy
    import symopt.compat.v1 as tf
    calls = []
    original = sympy.Basic.free_symbols
    monkeypatch.setattr(sympy.Basic, "free_symbols", property(lambda self: calls.append(1) or original.fget(self)))
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4])
    y = tf.placeholder(tf.int64, [None])
    h = X
    for i in range(8):
        h = tf.layers.dense(h, 4, activation=lambda z: tf.maximum(0.01 * z, z), name=f"hidden{i}",
                            kernel_initializer=tf.constant_initializer(0.5))
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(0.1))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {X: np.ones((2, 4), np.float32), y: [0, 2]})
        sess.run(loss, {X: np.ones((2, 4), np.float32), y: [0, 2]})
    assert len(calls) < 200_000  # a tree walk of 8 layers made millions
