"""An empty mini-batch (0 rows) into an extremum over the batch gives TF1's reduction of nothing (probe22 H1):
``tf.reduce_max`` / ``tf.reduce_logsumexp`` ``-inf``, ``tf.reduce_min`` ``inf`` (an integer dtype's lowest and highest
values), a softmax along the batch an empty array, and ``tf.argmax`` over the batch TF1's ``InvalidArgumentError``,
where NumPy's maximum of no rows raised a raw ``ValueError`` ("zero-size array to reduction operation maximum which
has no identity").

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same programs
(/tmp/c18_h1.py and /tmp/c18_h1t.py of compat18's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

inf = np.inf
#: case -> (dtype, shape, op, TF 2.21's value)
GOLDENS = {
    "max0": (tf.float32, [None, 2], lambda x: tf.reduce_max(x, 0), np.float32([-inf, -inf])),
    "max_all": (tf.float32, [None, 2], tf.reduce_max, np.float32(-inf)),
    "min0": (tf.float32, [None, 2], lambda x: tf.reduce_min(x, 0), np.float32([inf, inf])),
    "min_all": (tf.float32, [None, 2], tf.reduce_min, np.float32(inf)),
    "max0_keep": (tf.float32, [None, 2], lambda x: tf.reduce_max(x, 0, keepdims=True), np.float32([[-inf, -inf]])),
    "lse0": (tf.float32, [None, 2], lambda x: tf.reduce_logsumexp(x, 0), np.float32([-inf, -inf])),
    "lse_all": (tf.float32, [None, 2], tf.reduce_logsumexp, np.float32(-inf)),
    "vector_max": (tf.float32, [None], tf.reduce_max, np.float32(-inf)),
    "vector_min": (tf.float32, [None], lambda v: tf.reduce_min(v, 0), np.float32(inf)),
    "max_plus": (tf.float32, [None, 2], lambda x: tf.reduce_max(x, 0) + 1.0, np.float32([-inf, -inf])),
    "int32_max0": (tf.int32, [None, 2], lambda x: tf.reduce_max(x, 0), np.int32([-2147483648, -2147483648])),
    "int32_min_all": (tf.int32, [None, 2], tf.reduce_min, np.int32(2147483647)),
    "int64_max0": (tf.int64, [None, 2], lambda x: tf.reduce_max(x, 0), np.int64([-2**63, -2**63])),
    "int64_min_all": (tf.int64, [None, 2], tf.reduce_min, np.int64(2**63 - 1)),
    "uint8_max": (tf.uint8, [None, 2], tf.reduce_max, np.uint8(0)),
    "uint8_min0": (tf.uint8, [None, 2], lambda x: tf.reduce_min(x, 0), np.uint8([255, 255])),
    "log_softmax0": (tf.float32, [None, 2], lambda x: tf.nn.log_softmax(x, 0), np.zeros((0, 2), np.float32)),
    "vector_softmax": (tf.float32, [None], tf.nn.softmax, np.zeros((0,), np.float32)),
    "softmax0_sum": (tf.float32, [None, 2], lambda x: tf.reduce_sum(tf.nn.softmax(x, 0)), np.float32(0.0)),
    "per_row_max": (tf.float32, [None, 2], lambda x: tf.reduce_max(x, 1), np.zeros((0,), np.float32)),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_an_extremum_of_no_rows_is_tf1s(case):
    dtype, shape, op, golden = GOLDENS[case]
    x = tf.placeholder(dtype, shape)
    with tf.Session() as s:
        value = s.run(op(x), {x: np.zeros([0, *shape[1:]], dtype.name)})
        assert type(value) is type(golden) and value.dtype == golden.dtype and value.shape == golden.shape
        np.testing.assert_array_equal(value, golden)
        value = s.run(op(x), {x: np.ones([3, *shape[1:]], dtype.name)})  # a batch with rows: its own numbers
        assert np.all(np.isfinite(value.astype(np.float64)))


def test_fetched_beside_a_mean_and_a_sum():
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.Session() as s:
        largest, mean, total = s.run([tf.reduce_max(x, 0), tf.reduce_mean(x, 0), tf.reduce_sum(x)],
                                     {x: np.zeros((0, 2), np.float32)})
    np.testing.assert_array_equal(largest, [-inf, -inf])
    assert np.isnan(mean).all() and total == 0.0


@pytest.mark.parametrize("op, shape, text", [(tf.argmax, [None, 2], "[0,2]"), (tf.argmin, [None, 2], "[0,2]"),
                                             (tf.argmax, [None], "[0]")])
def test_an_index_over_no_rows_is_tf1s_error(op, shape, text):
    x = tf.placeholder(tf.float32, shape)
    with tf.Session() as s:
        message = r"Reduction axis 0 is empty in shape " + text.replace("[", r"\[")
        with pytest.raises(InvalidArgumentError, match=message):
            s.run(op(x, 0), {x: np.zeros([0, *shape[1:]], np.float32)})


def test_an_index_along_the_rows_of_no_rows_is_empty():
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.Session() as s:
        value = s.run(tf.argmax(x, 1), {x: np.zeros((0, 2), np.float32)})
    assert value.dtype == np.int64 and value.shape == (0,)


def test_a_training_step_whose_cost_takes_the_largest_of_no_rows():
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.1, 0.2], [0.3, -0.1]])
    loss = tf.reduce_max(tf.matmul(x, W)) + tf.reduce_sum(W * W)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    empty = {x: np.zeros((0, 2), np.float32)}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        _, cost = s.run([train, loss], empty)
        assert cost == np.float32(-inf)
        assert s.run(loss, empty) == np.float32(-inf)
        s.run(train, empty)
        np.testing.assert_allclose(s.run(W), np.float32([[0.064, 0.12799999], [0.192, -0.064]]), rtol=1e-6)  # 2 steps
