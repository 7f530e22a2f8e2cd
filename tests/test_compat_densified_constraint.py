"""A constrained embedding trained with a gradient the program densified (tf.convert_to_tensor) is a dense update in
TF1, so the constraint applies (final read 29: it was refused as 'a constraint function on a sparse variable').
Golden: TF 2.21 tf.compat.v1 (disable_v2_behavior) printed the same array."""

import numpy as np

import symopt.compat.v1 as tf


def test_a_densified_embedding_gradient_takes_the_constraint():
    tf.reset_default_graph()
    E = tf.Variable(np.ones((5, 2), np.float32), constraint=lambda v: tf.clip_by_value(v, -2., 1.5))
    ids = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.square(tf.gather(E, ids) - 3.0))
    opt = tf.train.GradientDescentOptimizer(0.1)
    (g, _), = opt.compute_gradients(loss, [E])
    train = opt.apply_gradients([(tf.convert_to_tensor(g), E)])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        s.run(train, {ids: [0, 2, 2]})
        np.testing.assert_array_equal(s.run(E), np.array([[1.4, 1.4], [1, 1], [1.5, 1.5], [1, 1], [1, 1]], np.float32))
