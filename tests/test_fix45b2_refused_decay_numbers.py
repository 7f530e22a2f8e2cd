"""A decay of numbers the schedule classes refuse (power <= 0, a negative decay_rate, alpha outside [0, 1]) with a
fed or computed step is computed as TF1's ops compute it, as before fix45b (review final45b 45b-4).

Expected float32 bits: TensorFlow 2.21 ``tf.compat.v1`` (graph mode), the step ``tf.cast(gs, tf.int32)`` of an int64
variable loaded with 0, 5, 15, 500 (natural_exp_decay at step 500 is left out: the ops' route is an ulp off TF
there, as on main).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

TF_BITS = {
    "polynomial power -1": (lambda t: tf.train.polynomial_decay(0.1, t, 1000, 0.001, power=-1.0),
                            [1036831949, 1036898721, 1037034297, 1045153448]),
    "polynomial power 0": (lambda t: tf.train.polynomial_decay(0.1, t, 1000, 0.001, power=0.0),
                           [1036831949] * 4),
    "exponential rate -0.5 staircase": (lambda t: tf.train.exponential_decay(0.1, t, 10, -0.5, staircase=True),
                                        [1036831949, 1036831949, 3175926989, 617401549]),
    "cosine alpha 2": (lambda t: tf.train.cosine_decay(0.1, t, 10, alpha=2.0),
                       [1036831949, 1041865114, 1045220557, 1045220557]),
    "inverse_time rate -0.5": (lambda t: tf.train.inverse_time_decay(0.1, t, 10, -0.5),
                               [1036831949, 1040746633, 1053609165, 3146287241]),
    "natural_exp rate -0.5": (lambda t: tf.train.natural_exp_decay(0.1, t, 10, -0.5),
                              [1036831949, 1040415733, 1046005730]),
}


@pytest.mark.parametrize("case", list(TF_BITS))
def test_refused_numbers_with_a_computed_step_compute_as_tf1(case):
    decay, expected = TF_BITS[case]
    tf.reset_default_graph()
    gs = tf.Variable(0, dtype=tf.int64, trainable=False)
    rate = decay(tf.cast(gs, tf.int32))
    got = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in (0, 5, 15, 500)[:len(expected)]:
            gs.load(step, sess)
            got.append(int(np.float32(sess.run(rate)).view(np.uint32)))
    assert got == expected


def test_a_zero_decay_rate_with_a_fed_step():
    tf.reset_default_graph()
    step = tf.placeholder(tf.int64, [])
    rate = tf.train.exponential_decay(0.1, step, 10, 0.0)
    with tf.Session() as sess:
        got = [float(sess.run(rate, {step: s})) for s in (0, 5, 15)]
    assert got == [float(np.float32(0.1)), 0.0, 0.0]  # TF 2.21: [0.1, 0, 0]
