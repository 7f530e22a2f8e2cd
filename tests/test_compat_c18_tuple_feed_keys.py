"""A ``feed_dict`` key that is a (nested) tuple of tensors takes a value of the same structure, entry by entry, as TF1
documents (probe22 H20): the hand-written RNN loop feeding the fetched state back, ``{x: xt, state: st}`` with
``state = (c0, h0)``.  symopt raised a bare ``TypeError`` ("cannot be interpreted as a Tensor").

TF 2.21's ``tf.compat.v1`` in graph mode printed the values and messages (/work/wt/probe22/h20.py, /tmp/c18_h20.py of
compat18's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_state_of_an_rnn_loop_fed_back_as_a_tuple():
    c0, h0, x = (tf.placeholder(tf.float32, [None, 2]) for _ in range(3))
    state = (c0, h0)
    W = tf.Variable([[0.5, -0.2], [0.1, 0.3]])
    c1 = tf.tanh(tf.matmul(x, W) + c0)
    h1 = c1 * tf.sigmoid(h0)
    new_state = (c1, h1)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        st = (np.zeros((1, 2), np.float32), np.zeros((1, 2), np.float32))
        for t in range(3):
            st = s.run(new_state, {x: [[1.0, float(t)]], state: st})
        assert type(st) is tuple
        np.testing.assert_allclose(st[1], [[0.5487293, 0.14360571]], rtol=1e-6)  # TF 2.21 (Eigen tanh: 1 ulp)
        nested = s.run(c1 * 1.0, {x: [[1.0, 1.0]], (c0, (h0,)): (np.ones((1, 2)), [np.ones((1, 2))])})
        np.testing.assert_allclose(nested, [[0.9216685, 0.800499]], rtol=1e-6)
        with pytest.raises(ValueError, match="Could not flatten dictionary. Key had 2 elements, but value had 1"):
            s.run(h1, {x: [[1.0, 1.0]], state: np.zeros((1, 2))})
        with pytest.raises(ValueError, match="is a sequence but its corresponding value"):
            s.run(h1, {x: [[1.0, 1.0]], state: 0.0})
