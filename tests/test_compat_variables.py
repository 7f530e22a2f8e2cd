"""get_variable, variable_scope, initializers (core and TF1's) and random seeds."""

import math

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt import initializers
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def initial_values(*variables):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(list(variables))


# ---------------------------------------------------------------- core initializers

@pytest.mark.parametrize("make", [
    lambda seed: initializers.RandomNormal(0.0, 2.0, seed),
    lambda seed: initializers.TruncatedNormal(1.0, 0.5, seed),
    lambda seed: initializers.RandomUniform(-1.0, 3.0, seed),
    initializers.glorot_uniform,
    initializers.glorot_normal,
    lambda seed: initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal", seed),
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_core_initializers_are_reproducible_in_the_requested_dtype(make, dtype):
    first, again, other = make(0)((20, 30), dtype), make(0)((20, 30), dtype), make(1)((20, 30), dtype)
    assert first.shape == (20, 30) and first.dtype == np.dtype(dtype)
    assert np.array_equal(first, again) and not np.array_equal(first, other)


def test_core_initializers_are_usable_as_variable_init():
    w = symopt.Variable("W", initializers.glorot_uniform(seed=0), shape=(64, 32), dtype="float32")
    assert w.init.shape == (64, 32) and w.init.dtype == np.float32
    assert np.array_equal(w.init, initializers.glorot_uniform(seed=0)((64, 32), "float32"))
    b = symopt.Variable("b", initializers.Zeros(), shape=(32,))
    assert np.array_equal(b.init, np.zeros(32))
    c = symopt.Variable("c", initializers.Constant([1.0, 2.0]), shape=(3, 2))
    assert np.array_equal(c.init, [[1.0, 2.0]] * 3)


def test_glorot_statistics_on_a_large_shape():
    fan_in, fan_out = 400, 600
    uniform = initializers.glorot_uniform(seed=3)((fan_in, fan_out))
    limit = math.sqrt(6 / (fan_in + fan_out))
    assert np.abs(uniform).max() <= limit and np.abs(uniform).max() > 0.99 * limit
    assert uniform.std() == pytest.approx(limit / math.sqrt(3), rel=0.01)
    assert abs(uniform.mean()) < 0.01 * limit
    normal = initializers.glorot_normal(seed=3)((fan_in, fan_out))
    stddev = math.sqrt(2 / (fan_in + fan_out)) / 0.87962566103423978
    assert np.abs(normal).max() <= 2 * stddev  # truncated at two standard deviations
    assert normal.std() == pytest.approx(math.sqrt(2 / (fan_in + fan_out)), rel=0.01)


def test_truncated_normal_stays_within_two_standard_deviations():
    values = initializers.TruncatedNormal(5.0, 0.1, seed=0)((200, 200))
    assert values.min() >= 4.8 and values.max() <= 5.2
    assert values.mean() == pytest.approx(5.0, abs=1e-3)


def test_fans_as_tf1_counts_them():
    assert initializers.fans((3, 4)) == (3.0, 4.0)
    assert initializers.fans((5,)) == (5.0, 5.0)
    assert initializers.fans(()) == (1.0, 1.0)
    assert initializers.fans((2, 2, 3, 4)) == (12.0, 16.0)


def test_invalid_variance_scaling_arguments_are_rejected():
    with pytest.raises(symopt.errors.ConfigurationError, match="mode must be one of"):
        initializers.VarianceScaling(1.0, "fan_sideways")
    with pytest.raises(symopt.errors.ConfigurationError, match="distribution must be one of"):
        tf.variance_scaling_initializer(distribution="cauchy")


# ---------------------------------------------------------------- TF1's initializers and seeds

TF_INITIALIZERS = [
    tf.zeros_initializer(), tf.ones_initializer(), tf.constant_initializer(0.5),
    tf.random_normal_initializer(), tf.truncated_normal_initializer(stddev=0.1), tf.random_uniform_initializer(-1, 1),
    tf.glorot_uniform_initializer(), tf.glorot_normal_initializer(), tf.variance_scaling_initializer(),
]


@pytest.mark.parametrize("initializer", TF_INITIALIZERS, ids=lambda i: type(i).__name__)
def test_get_variable_with_each_initializer(initializer):
    w = tf.get_variable("W", [30, 20], initializer=initializer)
    (value,) = initial_values(w)
    assert value.shape == (30, 20) and value.dtype == np.float32 and w.shape == (30, 20)
    assert w.dtype == tf.float32 and w.name == "W:0"


def test_get_variable_defaults_to_glorot_uniform():
    w = tf.get_variable("W", [100, 150])
    b = tf.get_variable("b", [7], dtype=tf.float64)
    value, bias = initial_values(w, b)
    limit = math.sqrt(6 / 250)
    assert np.abs(value).max() <= limit and value.std() == pytest.approx(limit / math.sqrt(3), rel=0.05)
    assert bias.dtype == np.float64 and bias.shape == (7,)


def test_initializer_defaults_follow_tf1():
    uniform = tf.random_uniform_initializer()
    assert (uniform.minval, uniform.maxval) == (0, 1.0)
    normal = tf.random_normal_initializer()
    assert (normal.mean, normal.stddev) == (0.0, 1.0) and normal.dtype == tf.float32
    values = tf.random_uniform_initializer(seed=1).draw([1000])
    assert values.min() >= 0.0 and values.max() < 1.0


def test_set_random_seed_makes_programs_reproducible():
    def build():
        tf.reset_default_graph()
        tf.set_random_seed(42)
        w = tf.get_variable("W", [5, 4], initializer=tf.random_normal_initializer())
        v = tf.get_variable("V", [5, 4], initializer=tf.random_normal_initializer())
        noise = tf.random_normal([3])
        return initial_values(w, v) + [run_constant(noise)]

    first, second = build(), build()
    for a, b in zip(first, second):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[0], first[1])  # two ops, two different draws


def run_constant(tensor):
    with tf.Session() as session:
        return session.run(tensor)


def test_op_seed_without_graph_seed_is_reproducible():
    a = tf.glorot_uniform_initializer(seed=7).draw([4, 4])
    tf.reset_default_graph()
    b = tf.glorot_uniform_initializer(seed=7).draw([4, 4])
    assert np.array_equal(a, b)


def test_initializer_call_returns_a_constant_tensor():
    tf.set_random_seed(1)
    initial = tf.truncated_normal_initializer(stddev=0.01)([10, 10])
    w = tf.Variable(initial)
    (value,) = initial_values(w)
    assert value.shape == (10, 10) and value.dtype == np.float32 and np.abs(value).max() <= 0.02
    assert np.array_equal(run_constant(initial), value)


def test_random_tensors_are_drawn_afresh_at_every_run():
    tf.set_random_seed(0)
    tensors = [tf.random_normal([200, 50], mean=1.0, stddev=2.0), tf.truncated_normal([100], stddev=0.5),
               tf.random_uniform([30, 3], minval=2, maxval=4, dtype=tf.float64)]
    with tf.Session() as session:
        first, second = session.run(tensors), session.run(tensors)
    normal, truncated, uniform = first
    assert normal.dtype == np.float32 and normal.mean() == pytest.approx(1.0, abs=0.05)
    assert normal.std() == pytest.approx(2.0, rel=0.05)
    assert np.abs(truncated).max() <= 1.0 and uniform.dtype == np.float64
    assert uniform.min() >= 2 and uniform.max() < 4
    assert not any(np.array_equal(a, b) for a, b in zip(first, second))  # TF1: a new draw at every run (probe9 S13)
    with tf.Session() as session:  # a seeded program's draws start over in a new session
        again = session.run(tensors)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


def test_variables_from_random_tensors():
    tf.set_random_seed(0)
    w = tf.Variable(tf.random_normal([784, 30], stddev=0.01))
    b = tf.Variable(tf.zeros([30]))
    value, bias = initial_values(w, b)
    assert value.shape == (784, 30) and value.dtype == np.float32 and bias.shape == (30,)
    assert value.std() == pytest.approx(0.01, rel=0.05)


# ---------------------------------------------------------------- get_variable's store and scopes

def test_get_variable_twice_is_an_error_as_in_tf1():
    tf.get_variable("W", [2, 3])
    with pytest.raises(ValueError, match="Variable W already exists, disallowed. Did you mean to set reuse=True "
                                         r"or reuse=tf.AUTO_REUSE in VarScope\?"):
        tf.get_variable("W", [2, 3])


def test_get_variable_needs_a_full_shape():
    with pytest.raises(ValueError, match=r"Shape of a new variable \(W\) must be fully defined, but instead was "
                                         "<unknown>"):
        tf.get_variable("W")
    with pytest.raises(ValueError, match=r"must be fully defined, but instead was \[\?,3\]"):
        tf.get_variable("V", [None, 3])


def test_get_variable_with_a_constant_initializer():
    w = tf.get_variable("W", initializer=tf.constant([[1.0, 2.0]]))
    v = tf.get_variable("V", initializer=np.arange(3.0), dtype=tf.float64)
    value, other = initial_values(w, v)
    assert np.array_equal(value, [[1.0, 2.0]]) and w.shape == (1, 2)
    assert np.array_equal(other, [0.0, 1.0, 2.0]) and other.dtype == np.float64
    with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape."):
        tf.get_variable("U", [1, 2], initializer=tf.constant([[1.0, 2.0]]))


def test_variable_scope_prefixes_and_reuses():
    with tf.variable_scope("layer1"):
        w = tf.get_variable("W", [3, 2])
        assert w.name == "layer1/W:0"
        with tf.variable_scope("inner"):
            assert tf.get_variable("b", [2]).name == "layer1/inner/b:0"
    with tf.variable_scope("layer1", reuse=True):
        assert tf.get_variable("W", [3, 2]) is w
        with pytest.raises(ValueError, match="Variable layer1/V does not exist"):
            tf.get_variable("V", [3])
        with pytest.raises(ValueError, match=r"Trying to share variable layer1/W, but specified shape \[2,3\]"):
            tf.get_variable("W", [2, 3])
    with tf.variable_scope("layer1", reuse=tf.AUTO_REUSE):
        assert tf.get_variable("W", [3, 2]) is w
        assert tf.get_variable("V", [3]).name == "layer1/V:0"
    assert tf.get_variable_scope().name == ""


def test_scope_initializer_and_trainable_flag():
    with tf.variable_scope("s", initializer=tf.ones_initializer()):
        w = tf.get_variable("W", [2, 2])
        frozen = tf.get_variable("F", [2], trainable=False)
    (value,) = initial_values(w)
    assert np.array_equal(value, np.ones((2, 2))) and not frozen.trainable


def test_unsupported_get_variable_arguments_say_so():
    with pytest.raises(symopt.errors.UnsupportedOperationError, match="partitioner= is not supported"):
        tf.get_variable("W", [2, 2], partitioner=lambda shape, dtype: [1, 1])
    # regularizer= is supported now (tests/test_compat_n_regularizers.py); a non-function is refused first
    with pytest.raises(TypeError, match="regularizer must be a function"):
        tf.get_variable("W", [2, 2], regularizer=0.01)
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES) == []
