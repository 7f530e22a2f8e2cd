"""The full-data value of a mean over examples, a chunk at a time: equal to one pass, memory bounded by a chunk."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches, mean_over_examples
from symopt.errors import ConfigurationError, FeedError

rng = np.random.default_rng(8)
X, Y = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("Y", (None, 3))
W = symopt.Variable("W", rng.normal(size=(5, 4)), shape=(5, 4))
b = symopt.Variable("b", 0.1, shape=(1, 4))
V = symopt.Variable("V", rng.normal(size=(4, 3)), shape=(4, 3))
c = symopt.Variable("c", 0.0, shape=(1, 3))
LOGITS = ops.bias_add(ops.relu(ops.bias_add(X @ W, b)) @ V, c)
DATA = {X: rng.normal(size=(103, 5)), Y: np.eye(3)[rng.integers(0, 3, 103)]}

MEANS = {
    "softmax cross-entropy": ops.softmax_cross_entropy(LOGITS, Y),
    "cross-entropy + l2": ops.softmax_cross_entropy(LOGITS, Y) + 0.01 * ops.l2_penalty(W, V),
    "mean squared error": ops.mean(ops.square(LOGITS - Y)),
    "sigmoid cross-entropy": ops.sigmoid_cross_entropy(LOGITS, Y),
    "row log-softmax": -ops.sum(ops.hadamard(Y, ops.log_softmax(LOGITS, axis=-1))) / X.shape[0],
}
NOT_MEANS = {
    "sum over examples": ops.sum(ops.square(LOGITS - Y)),
    "square root of a mean": ops.sqrt(ops.mean(ops.square(LOGITS - Y))),
    "centred by the batch mean": ops.mean(ops.square(X - sympy.OneMatrix(X.shape[0], 1) @ ops.mean(X, 0))),
    "softmax across examples": ops.sum(ops.hadamard(Y, ops.log_softmax(LOGITS, axis=0))) / X.shape[0],
    "a product of two means": ops.mean(ops.square(LOGITS)) * ops.mean(ops.square(Y)),
}


@pytest.mark.parametrize("name", sorted(MEANS))
@pytest.mark.parametrize("batch_size", [1, 10, 103, 500])
def test_chunked_value_equals_the_one_pass_value(name, batch_size):
    cost = MEANS[name]
    assert mean_over_examples(cost)
    full = symopt.evaluate(cost, DATA)
    assert evaluate_in_batches(cost, DATA, batch_size=batch_size) == pytest.approx(full, rel=1e-13)


@pytest.mark.parametrize("name", sorted(NOT_MEANS))
def test_a_cost_that_is_not_a_mean_over_examples_is_refused(name):
    cost = NOT_MEANS[name]
    assert not mean_over_examples(cost)
    with pytest.raises(ConfigurationError, match="not recognised as a mean over examples"):
        evaluate_in_batches(cost, {X: DATA[X], Y: DATA[Y]} if cost.has(Y) else {X: DATA[X]}, batch_size=10)


def test_no_evaluation_sees_more_rows_than_a_chunk(monkeypatch):
    import symopt.batched as batched
    seen, compile_expressions = [], batched.compile_expressions

    def recording(*args, **kwargs):
        function, module = compile_expressions(*args, **kwargs)
        return (lambda *values: seen.append(max(np.shape(v)[0] for v in values if np.ndim(v))) or function(*values),
                module)
    monkeypatch.setattr(batched, "compile_expressions", recording)
    monkeypatch.setattr(batched, "CACHE", type(batched.CACHE)())  # a fresh cache, so the recorder is built
    cost = MEANS["mean squared error"] + 0 * ops.sum(ops.square(V))  # a key no other test used
    evaluate_in_batches(cost, DATA, batch_size=16)
    assert seen == [16] * 6 + [7]


def test_trained_parameters_are_bound_by_symbol():
    result = symopt.minimize(MEANS["mean squared error"], [W, b, V, c], data=DATA, batch_size=20, epochs=2, seed=0)
    value = evaluate_in_batches(MEANS["mean squared error"], {**DATA, **result.params}, batch_size=20)
    assert value == pytest.approx(symopt.evaluate(MEANS["mean squared error"], {**DATA, **result.params}), rel=1e-13)


@pytest.mark.parametrize("batch_size", [0, 2.5, True, "8"])
def test_batch_size_must_be_a_positive_integer(batch_size):
    with pytest.raises(ConfigurationError, match="batch_size"):
        evaluate_in_batches(MEANS["mean squared error"], DATA, batch_size=batch_size)


def test_the_training_dict_serves_as_it_does_for_evaluate():
    """probe7 Q13: a parameter of the run the evaluated cost does not read was "unknown input s ... check its
    spelling"; it is ignored, as symopt.evaluate ignores it, and a misspelt name is still refused."""
    rng = np.random.default_rng(0)
    features, targets = rng.normal(size=(103, 3)), rng.normal(size=(103, 2))
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 2))
    W, s = symopt.Variable("W", rng.normal(size=(3, 2))), symopt.Variable("s", 0.7)
    loss = ops.mean(ops.square(X @ W - y))
    data = {X: features, y: targets, s: 0.7}
    assert evaluate_in_batches(loss, data, batch_size=10) == pytest.approx(symopt.evaluate(loss, data), rel=1e-14)
    with pytest.raises(FeedError):
        evaluate_in_batches(loss, {X: features, y: targets, "Ww": 1.0}, batch_size=10)
