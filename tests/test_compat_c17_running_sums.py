"""``tf.cumsum`` is TF1's running sum, each partial sum rounded before the next term (probe18 G20: a product with a
triangle of ones summed each entry in another order, so ``tf.cumsum([1e8, 1, -1e8, 1])`` ended in 0.0, TF1 1.0),
with TF1's gradient (the running sum the other way) and no length limit; and an int64 scalar constant past 2**53
that a run would compute through float64 (``tf.stack``, ``tf.expand_dims``, ``tf.fill``) is refused before the run
as a fed value is (probe17 D10: it was rounded silently; TF1 keeps every digit).

Every value was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/g20.py, d10.py of compat17's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

V = [1e8, 1.0, -1e8, 1.0]
#: (exclusive, reverse) -> TF 2.21's float32 cumsum of V
CUMSUMS = {
    (False, False): [1e8, 1e8, 0.0, 1.0],
    (False, True): [0.0, -1e8, -1e8, 1.0],
    (True, False): [0.0, 1e8, 1e8, 0.0],
    (True, True): [-1e8, -1e8, 1.0, 0.0],
}


@pytest.mark.parametrize("options", sorted(CUMSUMS))
def test_cumsum_is_tf1s_running_sum(options):
    exclusive, reverse = options
    x = tf.placeholder(tf.float32, [4])
    batch = tf.placeholder(tf.float32, [None, 4])
    with tf.Session() as sess:
        vector, rows = sess.run([tf.cumsum(x, exclusive=exclusive, reverse=reverse),
                                 tf.cumsum(batch, axis=1, exclusive=exclusive, reverse=reverse)], {x: V, batch: [V, V]})
    np.testing.assert_array_equal(vector, np.float32(CUMSUMS[options]))
    np.testing.assert_array_equal(rows, np.float32([CUMSUMS[options]] * 2))


def test_cumsums_gradient_is_tf1s():
    v = tf.Variable(np.float32(V))
    w = tf.placeholder(tf.float32, [4])
    grads = [tf.gradients(tf.reduce_sum(tf.cumsum(v) * w), v)[0],
             tf.gradients(tf.reduce_sum(tf.cumsum(v, exclusive=True, reverse=True) * w), v)[0]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(grads, {w: V})
    np.testing.assert_array_equal(values[0], np.float32([0.0, -1e8, -1e8, 1.0]))
    np.testing.assert_array_equal(values[1], np.float32([0.0, 1e8, 1e8, 0.0]))


def test_a_long_cumsum_runs_with_tf1s_digits():
    with tf.Session() as sess:
        value = sess.run(tf.cumsum(tf.constant(np.arange(3000, dtype=np.float32) * 0.1))[-3:])
    np.testing.assert_array_equal(value, np.float32([449250.28125, 449550.09375, 449850.0]))


BIG = 2 ** 53 + 1
ROUNDING = {
    "stack": lambda: tf.stack([tf.constant(BIG, tf.int64), tf.constant(1, tf.int64)]),
    "convert_to_tensor": lambda: tf.convert_to_tensor([tf.constant(BIG, tf.int64), tf.constant(3, tf.int64)]),
    "expand_dims": lambda: tf.expand_dims(tf.constant(BIG, tf.int64), 0),
    "fill": lambda: tf.fill([2], tf.constant(BIG, tf.int64)),
    "ones_like": lambda: tf.ones_like(tf.constant([1, 2], tf.int64)) * BIG,
}


@pytest.mark.parametrize("case", sorted(ROUNDING))
def test_an_int64_scalar_constant_past_2_53_is_never_rounded_silently(case):
    with tf.Session() as sess, pytest.raises(UnsupportedOperationError, match="9007199254740993, past 2\\*\\*53"):
        sess.run(ROUNDING[case]())


def test_an_int64_scalar_constant_past_2_53_computes_exactly_where_it_can():
    x = tf.placeholder(tf.int64, [2])
    with tf.Session() as sess:
        values = sess.run([tf.constant(BIG, tf.int64) + 2, tf.maximum(x, BIG), tf.clip_by_value(x, BIG, 2 ** 61),
                           tf.cast(tf.constant(BIG, tf.int64), tf.float64)], {x: [1, 2 ** 62]})
    assert values[0] == 9007199254740995  # TF 2.21's numbers
    assert values[1].tolist() == [BIG, 2 ** 62] and values[2].tolist() == [BIG, 2 ** 61]
    assert values[3] == 9007199254740992.0
