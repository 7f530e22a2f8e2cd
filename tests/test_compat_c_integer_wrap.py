"""Integer results wrap around as TF1's kernels leave them, two's complement (b-probe B9): symopt computes integers
exactly, and clipped (``reduce_sum`` of int32 gave -2147483648) or raised NumPy's raw OverflowError when converting.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_integer_overflow_wraps_around_as_tf1():
    x = tf.placeholder(tf.int32, [None])
    with tf.Session() as sess:
        # TF 2.21 tf.compat.v1
        assert sess.run(tf.reduce_sum(tf.constant([2147483647, 10]))) == -2147483639
        assert sess.run(tf.constant(200, tf.uint8) + tf.constant(100, tf.uint8)) == 44
        assert sess.run(tf.constant(2147483647) + tf.constant(1)) == -2147483648
        assert sess.run(tf.constant(2 ** 62, tf.int64) * 2) == -9223372036854775808
        assert sess.run(tf.abs(tf.constant(-2147483648))) == -2147483648
        assert sess.run(tf.reduce_sum(x) * 2, {x: [2147483647, 10]}) == 18
        assert sess.run(tf.cast(x, tf.uint8) + tf.cast(x, tf.uint8), {x: [200, 10]}).tolist() == [144, 20]
