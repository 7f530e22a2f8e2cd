"""``tf.stack`` of scalars holding an infinity keeps the other entries (found fixing probe28 P28-2).

The scalars were placed by products with 0/1 placement vectors, so an ``inf`` or ``nan`` entry made every entry NaN
(``inf * 0``): ``tf.nn.softmax(tf.stack([tf.log(p), 0.]))`` of a saturated ``p`` (``log(p) = -inf`` since constants
fold as TF1's kernels) was ``[nan, nan]``, as was any stack of a fed infinity.  Now the stack is an explicit vector of
its scalars.  Every expected value below was printed by TensorFlow 2.21's ``tf.compat.v1`` for the same program in a
separate environment; TensorFlow is not needed here.
"""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_stack_of_scalars_keeps_each_entry_and_its_gradient():
    a = tf.placeholder(tf.float32, [])
    w = tf.Variable(2.0)
    s = tf.stack([a * w, tf.log(a), tf.constant(0.)])
    loss = tf.reduce_sum(s * s)
    (g,) = tf.gradients(loss, w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run([s, loss, g], {a: v}) for v in (np.inf, 0., 3.)]
        softmax = sess.run(tf.nn.softmax(s), {a: 0.})
    assert values[0][0].tolist() == [math.inf, math.inf, 0.] and values[0][1:] == [math.inf, math.inf]  # were nan
    assert values[1][0].tolist() == [0., -math.inf, 0.] and values[1][1:] == [math.inf, 0.]
    assert values[2][0].tolist() == [6., np.float32(1.0986123), 0.] and values[2][1:] == [np.float32(37.206947), 36.]
    assert softmax.tolist() == [0.5, 0., 0.5]


def test_the_softmax_of_a_saturated_constant():
    p = tf.constant(1.) - tf.sigmoid(tf.constant(20.))
    with tf.Session() as sess:
        assert sess.run(tf.nn.softmax(tf.stack([tf.log(p), tf.constant(0.)]))).tolist() == [0., 1.]  # TF 2.21


def test_a_stack_of_strings_is_refused():
    with pytest.raises(UnsupportedOperationError, match="tf.stack of string tensors"):
        tf.stack([tf.constant("a"), tf.constant("b")])


def test_the_smallest_entry_zero_keeps_its_sign():
    """final34 F34-2: tf.reduce_min of data whose minimum is +0.0 (ReLU outputs, counts) was -0.0 (min computed as
    -max(-x), whose 1 x 1 sum added +0.0 before the negation): 1 / reduce_min was -inf where TF 2.21 gives inf."""
    import numpy as np
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.Session() as session:
        smallest, inverse, stacked = session.run(
            [tf.reduce_min(x), 1.0 / tf.reduce_min(x), 1.0 / tf.stack([tf.reduce_min(x), tf.reduce_max(x)])],
            {x: np.arange(6, dtype=np.float32).reshape(3, 2)})
    assert smallest == 0.0 and not np.signbit(smallest)
    assert inverse == np.inf  # TF 2.21 compat.v1: inf
    np.testing.assert_array_equal(stacked, np.array([np.inf, 0.2], np.float32))
