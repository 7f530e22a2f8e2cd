import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 11 style batch normalization by hand (tf.nn.moments, tf.nn.batch_normalization,
# ExponentialMovingAverage), its updates in UPDATE_OPS run through control_dependencies
rng = np.random.RandomState(12)
data = (rng.randn(400, 5) * [1, 10, 0.1, 3, 1] + [0, 5, -1, 2, 0]).astype(np.float32)
labels = (data[:, 0] + 0.1 * data[:, 1] > 0.5).astype(np.float32).reshape(-1, 1)
X = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder_with_default(False, shape=(), name="training")
W1 = tf.Variable(rng.uniform(-0.5, 0.5, (5, 8)).astype(np.float32))
z1 = tf.matmul(X, W1)
gamma = tf.Variable(tf.ones([8])); beta = tf.Variable(tf.zeros([8]))
batch_mean, batch_var = tf.nn.moments(z1, [0])
ema = tf.train.ExponentialMovingAverage(decay=0.9)
ema_apply = ema.apply([batch_mean, batch_var])
tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, ema_apply)
mean, var = tf.cond(training, lambda: (batch_mean, batch_var), lambda: (ema.average(batch_mean), ema.average(batch_var)))
h1 = tf.nn.relu(tf.nn.batch_normalization(z1, mean, var, beta, gamma, 1e-3))
W2 = tf.Variable(rng.uniform(-0.5, 0.5, (8, 1)).astype(np.float32)); b2 = tf.Variable(0.0)
logits = tf.matmul(h1, W2) + b2
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.cast(logits > 0, tf.float32), y), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(4):
        for i in range(0, 300, 50):
            _, l = sess.run([train, loss], {X: data[i:i+50], y: labels[i:i+50], training: True})
        print(epoch, l, sess.run([accuracy, loss], {X: data[300:], y: labels[300:]}))
    print(sess.run(ema.average(batch_mean)), sess.run(ema.average(batch_var))[:3])
