import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# learning-rate schedules and tf.losses with regularizers as course code wrote them
rng = np.random.RandomState(24)
Xd = rng.randn(200, 3).astype(np.float32); yd = (Xd @ [[1.0], [2.0], [-1.0]] + 0.5).astype(np.float32)
X = tf.placeholder(tf.float32, [None, 3]); Y = tf.placeholder(tf.float32, [None, 1])
W = tf.get_variable("W", initializer=tf.constant(np.full((3, 1), 0.1, np.float32)), regularizer=lambda w: 0.01 * tf.nn.l2_loss(w))  # contrib.layers.l2_regularizer (TF 2.21 has no contrib)
b = tf.get_variable("b", shape=[1], initializer=tf.zeros_initializer())
pred = tf.matmul(X, W) + b
mse = tf.losses.mean_squared_error(labels=Y, predictions=pred)
huber = tf.losses.huber_loss(labels=Y, predictions=pred, delta=0.5)
total = tf.losses.get_total_loss()
step = tf.train.get_or_create_global_step()
rates = [tf.train.polynomial_decay(0.1, step, 50, 0.001, power=2.0), tf.train.inverse_time_decay(0.1, step, 10, 0.5),
         tf.train.natural_exp_decay(0.1, step, 10, 0.3, staircase=True), tf.train.cosine_decay(0.1, step, 60)]
train = tf.train.RMSPropOptimizer(rates[0], momentum=0.5).minimize(total, global_step=step)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(60):
        _, l = sess.run([train, total], {X: Xd[(i % 4) * 50:(i % 4 + 1) * 50], Y: yd[(i % 4) * 50:(i % 4 + 1) * 50]})
        if i % 15 == 0:
            print(i, l, sess.run(rates), sess.run([mse, huber], {X: Xd, Y: yd}))
    print(sess.run([W, b]), sess.run(tf.losses.get_regularization_loss()), len(tf.losses.get_losses()))
