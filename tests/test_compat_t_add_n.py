"""``tf.add_n`` of hundreds of tensors (an L2 penalty over a deep net's variables; probe S15: a RecursionError at
the first run).  Beyond ``ORDERED_TERMS`` the terms form one flat sum; these integers are exact in any order, so the
value is TF1's."""

import numpy as np

import symopt.compat.v1 as tf
from symopt.compat.v1.summing import ORDERED_TERMS
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_add_n_of_300_l2_losses_and_its_gradient():
    count = 300
    assert count > ORDERED_TERMS  # one flat sum
    variables = [tf.Variable(np.ones(2, np.float32) * i) for i in range(count)]
    penalty = tf.add_n([tf.nn.l2_loss(v) for v in variables])
    grads = tf.gradients(penalty, variables[:3] + variables[-1:])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, *gradients = sess.run([penalty, *grads])
    assert value == np.float32(sum(i * i for i in range(count)))  # 8955050.0, exact in float32
    assert [g.tolist() for g in gradients] == [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [299.0, 299.0]]
