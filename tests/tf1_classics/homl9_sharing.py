import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 9: sharing variables (threshold of relu units) with variable_scope / get_variable
def relu(X):
    with tf.variable_scope("relu", reuse=True):
        threshold = tf.get_variable("threshold")
        w_shape = (int(X.get_shape()[1]), 1)
        w = tf.Variable(np.full(w_shape, 0.5, dtype=np.float32), name="weights")
        b = tf.Variable(0.0, name="bias")
        z = tf.add(tf.matmul(X, w), b, name="z")
        return tf.maximum(z, threshold, name="max")
n_features = 3
X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
with tf.variable_scope("relu"):
    threshold = tf.get_variable("threshold", shape=(), initializer=tf.constant_initializer(0.0))
relus = [relu(X) for i in range(5)]
output = tf.add_n(relus, name="output")
print(output, threshold.name, [v.name for v in tf.global_variables()][:4])
loss = tf.reduce_mean(tf.square(output - 1.0))
train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {X: [[1.0, -2.0, 0.5], [0.1, 0.2, 0.3], [-1.0, -1.0, -1.0]]}
    print(sess.run(output, feed).ravel())
    for _ in range(10):
        sess.run(train, feed)
    print(sess.run([loss, threshold], feed), sess.run(output, feed).ravel())
    print(sess.run(tf.gradients(loss, [threshold]), feed))
