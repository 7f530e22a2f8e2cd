"""The bad-input catalogue: each case raises a clear error (what was expected, what was given)
before any state changes."""

import copy

import numpy as np
import pytest
import sympy

import symopt
import symopt.compat.v1 as tf
from symopt import ops
from symopt.errors import (ConfigurationError, FeedError, NoGradientError, ShapeError, SymoptError,
                           UnsupportedOperationError)

w = symopt.Variable("w", 0.5)
X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.array([[0.1], [0.2]]), shape=(2, 1))
J = ops.mean(ops.square(X @ W - y))
GOOD = {X: np.ones((4, 2)), y: np.ones((4, 1))}
s = symopt.Placeholder("s")


def fit(**overrides):
    arguments = dict(data=GOOD) if "batch_size" in overrides else dict(data=GOOD, steps=3)  # mini-batch: epochs
    arguments.update(overrides)
    return symopt.minimize(J, W, **arguments)


# (case name, callable, exception class, fragments the message must contain)
CASES = [
    ("missing feed key", lambda: fit(data={X: np.ones((4, 2))}), FeedError, ["missing data", "y"]),
    ("unknown feed key", lambda: fit(data={**GOOD, "z": 1.0}), FeedError, ["unknown input 'z'", "inputs are"]),
    # a symbol the cost does not read is ignored, as evaluate ignores it (probe50 P50-4); one named like an input
    # the cost reads is another symbol of that name, whose value would be ignored: refused
    ("foreign symbol key", lambda: fit(data={**GOOD, symopt.Placeholder("X", (None, 2)): np.ones((4, 2))}), FeedError,
     ["another symbol than the expression's X"]),
    ("bound twice", lambda: fit(data={**GOOD, "X": np.ones((4, 2))}), FeedError, ["bound twice"]),
    ("wrong shape", lambda: fit(data={X: np.ones((4, 3)), y: np.ones((4, 1))}), ShapeError,
     ["expected shape (None, 2)", "given (4, 3)"]),
    ("wrong rank", lambda: fit(data={X: np.ones(4), y: np.ones((4, 1))}), ShapeError, ["expected shape", "(4,)"]),
    ("scalar fed an array", lambda: symopt.minimize((w - s) ** 2, w, data={s: [1.0, 2.0]}), ShapeError,
     ["expected a scalar", "(2,)"]),
    ("string data", lambda: fit(data={X: "abc", y: np.ones((1, 1))}), FeedError, ["expected numbers", "str"]),
    ("ragged lists", lambda: fit(data={X: [[1, 2], [3]], y: [[1], [2]]}), FeedError, ["Ragged", "rectangular"]),
    ("NaN in data", lambda: fit(data={X: np.array([[1.0, np.nan]] * 4), y: np.ones((4, 1))}), FeedError,
     ["NaN or infinity", "index"]),
    ("inf in data", lambda: fit(data={X: np.ones((4, 2)), y: np.full((4, 1), np.inf)}), FeedError,
     ["NaN or infinity"]),
    ("empty data", lambda: fit(data={X: np.ones((0, 2)), y: np.ones((0, 1))}), FeedError, ["empty"]),
    ("batch sizes disagree", lambda: fit(data={X: np.ones((4, 2)), y: np.ones((5, 1))}), ShapeError,
     ["disagree", "batch size"]),
    ("batch size 0", lambda: fit(batch_size=0), ConfigurationError, ["batch_size", "positive integer", "0"]),
    ("batch size negative", lambda: fit(batch_size=-3), ConfigurationError, ["batch_size", "-3"]),
    ("batch size not an integer", lambda: fit(batch_size=2.5), ConfigurationError, ["batch_size", "2.5"]),
    ("batch size larger than data", lambda: fit(batch_size=10), ConfigurationError, ["larger than the 4 examples"]),
    ("batch size without batch dimension", lambda: symopt.minimize(w ** 2, w, batch_size=2), ConfigurationError,
     ["batch dimension"]),
    ("zero steps", lambda: fit(steps=0), ConfigurationError, ["steps", "positive integer"]),
    ("negative steps", lambda: fit(steps=-1), ConfigurationError, ["steps"]),
    ("zero epochs", lambda: fit(batch_size=2, epochs=0), ConfigurationError, ["epochs"]),
    ("negative learning rate", lambda: fit(optimizer=symopt.GradientDescent(-0.1)), ConfigurationError,
     ["lr", "positive", "-0.1"]),
    ("zero learning rate", lambda: symopt.Adam(0.0), ConfigurationError, ["lr", "positive"]),
    ("NaN learning rate", lambda: symopt.Momentum(float("nan"), 0.9), ConfigurationError, ["lr", "nan"]),
    ("string learning rate", lambda: symopt.RMSProp("0.1"), ConfigurationError, ["lr", "'0.1'"]),
    ("infinite momentum", lambda: symopt.Momentum(0.1, float("inf")), ConfigurationError, ["momentum", "finite"]),
    ("RMSProp decay above 1", lambda: symopt.RMSProp(0.1, decay=1.5), ConfigurationError, ["decay", "[0, 1]"]),
    ("beta1 of 1", lambda: symopt.Adam(0.1, beta1=1.0), ConfigurationError, ["beta1", "[0, 1)"]),
    ("negative epsilon", lambda: symopt.Adam(0.1, epsilon=-1e-8), ConfigurationError, ["epsilon"]),
    ("unknown optimizer name", lambda: fit(optimizer="sgdx"), ConfigurationError, ["unknown optimizer", "adam"]),
    ("optimizer of wrong type", lambda: fit(optimizer=3), ConfigurationError, ["unknown optimizer 3"]),
    ("wrt symbol absent from the cost", lambda: symopt.minimize(w ** 2, [w, symopt.Variable("b", 0.0)]),
     NoGradientError, ["does not depend on b", "identically zero", "drop it from wrt"]),
    ("function without derivative rule", lambda: symopt.minimize(sympy.Function("f")(w), w),
     UnsupportedOperationError, ["no derivative rule", "f"]),
    ("loggamma has no derivative rule", lambda: symopt.grad(sympy.loggamma(w) + w, w), UnsupportedOperationError,
     ["loggamma", "Max", "docs/functions.md"]),
    ("integer variable", lambda: symopt.Variable("k", 0, dtype="int32"), ConfigurationError,
     ["floating dtype", "int32", "float32"]),
    ("non-scalar cost", lambda: symopt.minimize(X @ W - y, W, data=GOOD), ShapeError,
     ["scalar cost", "(m, 1)", "ops.sum"]),
    ("symbol without initial value", lambda: symopt.minimize(sympy.Symbol("q") ** 2, [sympy.Symbol("q")]),
     ConfigurationError, ["no initial value for q", "wrt={q: value}"]),
    ("variable with a batch dimension", lambda: symopt.Variable("V", 0.0, shape=(None, 2)), ShapeError,
     ["None", "placeholders"]),
    ("initial value of the wrong shape", lambda: symopt.Variable("V", np.ones(3), shape=(2, 1)), ShapeError,
     ["expected shape (2, 1)", "given (3,)"]),
    ("rank-3 placeholder", lambda: symopt.Placeholder("r", (2, 2, 2)), ShapeError, ["rank 0, 1 or 2", "rank 3"]),
    ("non-integer dimension", lambda: symopt.Placeholder("r", (2.5, 1)), ShapeError, ["positive integers", "2.5"]),
    ("checkpoint_every without a path", lambda: fit(checkpoint_every=2), ConfigurationError, ["checkpoint=PATH"]),
    ("negative clip norm", lambda: fit(clip_norm=-1.0), ConfigurationError, ["clip_norm", "positive"]),
    ("resume from a missing file", lambda: fit(resume_from="/nonexistent/run.npz"), ConfigurationError,
     ["does not exist"]),
    ("compile: input given twice", lambda: symopt.compile(w ** 2, w)(1.0, w=2.0), FeedError,
     ["both by position and by keyword"]),
    ("compile: too many positional inputs", lambda: symopt.compile(w ** 2, w)(1.0, 2.0), FeedError,
     ["at most 1 positional"]),
    ("compile: missing input", lambda: symopt.compile(J, W)(W=np.ones((2, 1)), X=np.ones((3, 2))), FeedError,
     ["missing inputs ['y']"]),
    ("evaluate: missing data", lambda: symopt.evaluate(J), FeedError, ["missing values for", "X"]),
]


@pytest.mark.parametrize("name, action, error, fragments", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(name, action, error, fragments):
    before = (copy.deepcopy(W.init), copy.deepcopy(w.init), {k: v.copy() for k, v in GOOD.items()})
    with pytest.raises(error) as caught:
        action()
    assert isinstance(caught.value, SymoptError)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    np.testing.assert_array_equal(W.init, before[0])
    assert w.init == before[1]
    for key, value in GOOD.items():
        np.testing.assert_array_equal(value, before[2][key])


def test_catalogue_has_at_least_forty_cases():
    assert len(CASES) + len(COMPAT_CASES) >= 40


# ---------------------------------------------------------------- the TF1 layer keeps its state too

def _session():
    tf.reset_default_graph()
    w = tf.Variable(1.0, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]
    train = tf.train.AdamOptimizer(0.1).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train, feed_dict={x: [[1.0], [-10.0], [25.0]]})
    return w, x, train, session


COMPAT_CASES = [
    ("unfed placeholder", lambda w, x, train, s: s.run(train), tf.errors.InvalidArgumentError,
     "You must feed a value for placeholder tensor 'Placeholder'"),
    ("wrong feed shape", lambda w, x, train, s: s.run(train, feed_dict={x: [[1.0], [2.0]]}), ValueError,
     "Cannot feed value of shape (2, 1)"),
    ("feed key that is not a tensor", lambda w, x, train, s: s.run(train, feed_dict={"x": [[1.0]] * 3}), TypeError,
     "cannot be interpreted as a Tensor"),
    ("feed of strings", lambda w, x, train, s: s.run(train, feed_dict={x: [["a"], ["b"], ["c"]]}), ValueError,
     "could not convert"),
]


@pytest.mark.parametrize("name, action, error, fragment", COMPAT_CASES, ids=[c[0] for c in COMPAT_CASES])
def test_compat_errors_leave_variables_and_slots_unchanged(name, action, error, fragment):
    w, x, train, session = _session()
    values = dict(session.values)
    slots = repr(list(session.optimizer_state.values()))
    with pytest.raises(error) as caught:
        action(w, x, train, session)
    assert fragment in str(caught.value)
    assert session.values == values
    assert repr(list(session.optimizer_state.values())) == slots
