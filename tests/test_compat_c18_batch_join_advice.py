"""``tf.concat([real, fake], 0)`` of two computed batches (a GAN discriminator's one pass over real and generated
examples, a batch and its augmented copy) is refused with advice that fits it (probe22 H9): run the model on each
batch and combine the losses, which symopt runs with TF1's digits.  The advice was the RNN-only "join per-step
outputs along dimension 1".

TF 2.21's ``tf.compat.v1`` printed ``0.5960565 [0.48593542 0.34343404]`` for both the joined program and the two-pass
one (/work/wt/probe22/h9.py, h9b.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _discriminator_inputs():
    real, z = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 1])
    G, D = tf.Variable([[1.0, -1.0]]), tf.Variable([[0.5], [0.3]])
    return real, z, tf.matmul(z, G), D


def test_the_joined_batch_is_refused_with_the_two_pass_form():
    real, z, fake, D = _discriminator_inputs()
    with pytest.raises(UnsupportedOperationError, match=r"run the model on each and combine the losses"):
        tf.concat([real, fake], 0)


def test_the_two_pass_form_gives_tf1s_digits():
    real, z, fake, D = _discriminator_inputs()
    on_real, on_fake = tf.matmul(real, D), tf.matmul(fake, D)
    loss = 0.5 * (tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(on_real), logits=on_real))
                  + tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.zeros_like(on_fake),
                                                                           logits=on_fake)))
    train_d = tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[D])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        value = s.run([train_d, loss], {real: [[1.0, 2.0], [0.0, 1.0]], z: [[0.5], [1.0]]})[1]
        np.testing.assert_allclose(value, np.float32(0.5960565), rtol=1e-6)
        np.testing.assert_allclose(s.run(D).ravel(), np.float32([0.48593542, 0.34343404]), rtol=1e-6)
