"""A float32 FtrlOptimizer with a learning_rate_power other than -0.5 takes the C library's ``powf`` of each entry, as
TF1's kernel does (review final45b 45b-7: the float64 power rounded once left TF's bits at step 1108).

Expected bits: TensorFlow 2.21 ``tf.compat.v1`` (graph mode), review final45b ``t_ftrl.py``: the weight after each
step (float32 bytes, little-endian hex), the same program below.
"""

import numpy as np

import symopt.compat.v1 as tf

TF_WEIGHT_AFTER = {1108: "b1f6f33e", 1109: "f709f23e", 1200: "078bef3e"}  # steps counted from 1


def test_scalar_ftrl_with_power_minus_0_7_keeps_tf1s_bits():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [])
    w = tf.Variable(0.5)
    loss = tf.square(w * x - 1.0)
    train = tf.train.FtrlOptimizer(0.3, learning_rate_power=-0.7, initial_accumulator_value=0.2).minimize(loss)
    feeds = np.random.default_rng(3).uniform(0.5, 3, 3000).astype(np.float32)
    got = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step, value in enumerate(feeds[:1200], start=1):
            sess.run(train, {x: value})
            if step in TF_WEIGHT_AFTER:
                got[step] = np.float32(sess.run(w)).tobytes().hex()
    assert got == TF_WEIGHT_AFTER
