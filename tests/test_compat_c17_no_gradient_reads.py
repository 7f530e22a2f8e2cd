"""An embedding read by ``tf.gather`` and also under an op TF1 has no gradient for (``tf.floor``, ``tf.round``,
``tf.ceil``, a comparison, ``tf.argmax``, a cast to an integer, a ``tf.where`` mask) keeps TF1's sparse update: TF1
drops those ``None`` gradients, so Momentum moves only the gathered rows, which symopt.compat.v1 refuses (typed)
rather than train every row densely, as it does a plain gather (review6 R6-3 (b): it trained densely, silently).
A read that carries a gradient (an L2 penalty, ``tf.sign``'s dense zeros, ``tf.where``'s chosen values) is dense in
TF1 too and trains as TF1.

The trained values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/r2.py of compat17's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: the extra term of the loss beside the gather, read without a gradient in TF1
NO_GRADIENT_READS = {
    "floor": lambda E: 0.1 * tf.reduce_sum(tf.floor(E)),
    "round": lambda E: 0.1 * tf.reduce_sum(tf.round(E)),
    "ceil": lambda E: 0.1 * tf.reduce_sum(tf.ceil(E)),
    "comparison": lambda E: 0.1 * tf.reduce_sum(tf.cast(E > 0, tf.float32)),
    "argmax": lambda E: 0.1 * tf.reduce_sum(tf.cast(tf.argmax(E, 1), tf.float32)),
    "integer_cast": lambda E: 0.1 * tf.reduce_sum(tf.cast(tf.cast(E, tf.int32), tf.float32)),
    "where_mask": lambda E: 0.1 * tf.reduce_sum(tf.where(E > 0, tf.ones_like(E), tf.zeros_like(E))),
}

#: the extra term -> the first 7 entries of E after two Momentum steps in TF 2.21 (a dense update)
DENSE_READS = {
    "sign": (lambda E: 0.1 * tf.reduce_sum(tf.sign(E)),
             [0.19399998, 0.25599998, 0.31800002, 0.2, 0.27999997, 0.36, 0.566]),
    "l2": (lambda E: 0.1 * tf.reduce_sum(tf.square(E)),
           [0.20607997, 0.26272, 0.31936002, 0.2, 0.27464, 0.34928, 0.54592]),
    "where_values": (lambda E: 0.1 * tf.reduce_sum(tf.where(E > 0, E, tf.zeros_like(E))),
                     [0.19399998, 0.246, 0.30800003, 0.2, 0.253, 0.33299997, 0.537]),
    "floor_times": (lambda E: 0.1 * tf.reduce_sum(tf.floor(E) * E),
                    [0.22299996, 0.27499998, 0.337, 0.2, 0.27999997, 0.36, 0.566]),
}


def _train(extra):
    E = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10 - 0.3)
    ids = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(E, ids) - 1.0)) + extra(E)
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0, 2]})
        sess.run(train, {ids: [1]})
        return sess.run(E).ravel()[:7]


@pytest.mark.parametrize("case", sorted(NO_GRADIENT_READS))
def test_a_read_without_gradient_leaves_the_update_sparse(case):
    with pytest.raises(UnsupportedOperationError, match="updates only the gathered rows"):
        _train(NO_GRADIENT_READS[case])


@pytest.mark.parametrize("case", sorted(DENSE_READS))
def test_a_read_with_a_gradient_trains_densely_as_tf1(case):
    extra, expected = DENSE_READS[case]
    np.testing.assert_allclose(_train(extra), np.float32(expected), rtol=2e-7)
