"""Embeddings and the optimizers whose TF1 update is sparse (Momentum, RMSProp, ...): a loss that also reads the
matrix densely (an L2 penalty) gets TF1's dense update (probe S10: it was refused), and a gather through
``tf.concat`` (the padding-row trick) or ``tf.identity`` is refused like a direct one (probe S13: it silently
trained every row).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

E0 = np.float32([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6], [0.7, 0.8]])
BATCHES = ([0, 1], [1], [0, 0, 2])


def _train(optimizer, penalty: bool, through=None):
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    E = tf.Variable(E0)
    w = tf.Variable([1.0, -1.0])
    table = E if through is None else through(E)
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(tf.nn.embedding_lookup(table, ids) * w, 1) - y))
    if penalty:
        loss += 0.1 * tf.nn.l2_loss(E)
    train = optimizer.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for batch in BATCHES:
            sess.run(train, {ids: batch, y: [1.0] * len(batch)})
        return np.round(sess.run(E), 6), np.round(sess.run(w), 6)


def test_momentum_on_a_penalised_embedding_is_tf1s_dense_update():
    E, w = _train(tf.train.MomentumOptimizer(0.1, 0.9), penalty=True)
    # TF 2.21 tf.compat.v1 (rounded to 6 places)
    np.testing.assert_array_equal(E, np.float32([[0.481798, -0.193861], [0.457831, -0.549494], [-0.324944, 0.426668],
                                                 [0.661065, 0.755503]]))
    np.testing.assert_array_equal(w, np.float32([1.043814, -0.93233]))


def test_rmsprop_on_a_penalised_embedding_is_tf1s_dense_update():
    E, w = _train(tf.train.RMSPropOptimizer(0.1), penalty=True)
    # TF 2.21 tf.compat.v1 (rounded to 6 places)
    np.testing.assert_array_equal(E, np.float32([[0.327033, -0.032308], [0.374375, -0.469543], [-0.335327, 0.435313],
                                                 [0.676917, 0.773624]]))
    np.testing.assert_array_equal(w, np.float32([0.987341, -0.910051]))


@pytest.mark.parametrize("through", [lambda E: tf.concat([tf.zeros([1, 2]), E], 0), tf.identity])
def test_a_gather_through_concat_or_identity_is_refused_for_momentum(through):
    with pytest.raises(UnsupportedOperationError, match="Momentum trains .* tf.gather"):
        _train(tf.train.MomentumOptimizer(0.1, 0.9), penalty=False, through=through)


def test_adam_through_the_padding_row_trains_as_tf1():
    E, w = _train(tf.train.AdamOptimizer(0.1), penalty=False, through=lambda E: tf.concat([tf.zeros([1, 2]), E], 0))
    # TF 2.21 tf.compat.v1 (rounded to 6 places; rows 2 and 3 never looked up)
    np.testing.assert_array_equal(E, np.float32([[0.373578, -0.076243], [0.363881, -0.463881], [-0.5, 0.6], [0.7, 0.8]]))
    np.testing.assert_array_equal(w, np.float32([1.271632, -0.74704]))
