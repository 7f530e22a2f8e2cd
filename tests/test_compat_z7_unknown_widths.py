"""Static shapes of ops on a ``[None, None]`` placeholder, as TF1's shape inference gives them (probe9 S23): the
width a matrix product or a broadcast takes from the other operand is known, so ``int(h.get_shape()[1])`` sizes the
next layer (it was an unknown rank, and ``int()`` raised).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_static_shapes_from_the_other_operand():
    X = tf.placeholder(tf.float32, [None, None])
    W = tf.Variable(np.float32(np.ones((5, 5)) * 0.1))
    b = tf.Variable(np.zeros(3, np.float32))
    shapes = [str(t.shape) for t in (tf.matmul(X, W), X + 1.0, X + b, tf.reduce_sum(X, axis=1), tf.transpose(X),
                                     tf.nn.relu(tf.matmul(X, W[:, :3])))]
    assert shapes == ["(?, 5)", "(?, ?)", "(?, 3)", "(?,)", "(?, ?)", "(?, 3)"]  # TF 2.21 tf.compat.v1
    W1 = tf.Variable(np.float32(np.ones((5, 3)) * 0.1))
    h = tf.nn.relu(tf.matmul(X, W1))
    n_in = int(h.get_shape()[1])  # TF 2.21 tf.compat.v1: 3
    W2 = tf.Variable(tf.zeros([n_in, 1]))
    out = tf.matmul(h, W2) + 1.0
    assert n_in == 3 and str(out.shape) == "(?, 1)"  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.matmul(X, W), {X: np.ones((2, 5))}).sum() == np.float32(5.0)  # TF 2.21 tf.compat.v1
        assert sess.run(out, {X: np.ones((2, 5))}).tolist() == [[1.0], [1.0]]
