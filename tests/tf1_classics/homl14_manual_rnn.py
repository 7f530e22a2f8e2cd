import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 14: a recurrent layer unrolled by hand over two time steps (and trained over five)
rng = np.random.RandomState(17)
n_inputs, n_neurons = 3, 5
X0 = tf.placeholder(tf.float32, [None, n_inputs])
X1 = tf.placeholder(tf.float32, [None, n_inputs])
Wx = tf.Variable(rng.randn(n_inputs, n_neurons).astype(np.float32), dtype=tf.float32)
Wy = tf.Variable(rng.randn(n_neurons, n_neurons).astype(np.float32), dtype=tf.float32)
b = tf.Variable(tf.zeros([1, n_neurons], dtype=tf.float32))
Y0 = tf.tanh(tf.matmul(X0, Wx) + b)
Y1 = tf.tanh(tf.matmul(Y0, Wy) + tf.matmul(X1, Wx) + b)
init = tf.global_variables_initializer()
X0_batch = np.array([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 0, 1]])
X1_batch = np.array([[9, 8, 7], [0, 0, 0], [6, 5, 4], [3, 2, 1]])
with tf.Session() as sess:
    init.run()
    Y0_val, Y1_val = sess.run([Y0, Y1], feed_dict={X0: X0_batch, X1: X1_batch})
print(Y0_val)
print(Y1_val)
# five steps, predicting the next value of a sine wave
tf.reset_default_graph()
steps = [tf.placeholder(tf.float32, [None, 1]) for _ in range(5)]
target = tf.placeholder(tf.float32, [None, 1])
Wx = tf.Variable((rng.randn(1, 6) * 0.5).astype(np.float32)); Wh = tf.Variable((rng.randn(6, 6) * 0.3).astype(np.float32))
bh = tf.Variable(tf.zeros([6])); Wo = tf.Variable((rng.randn(6, 1) * 0.5).astype(np.float32)); bo = tf.Variable(0.0)
state = tf.zeros_like(tf.matmul(steps[0], Wx))
for x in steps:
    state = tf.tanh(tf.matmul(x, Wx) + tf.matmul(state, Wh) + bh)
prediction = tf.matmul(state, Wo) + bo
loss = tf.reduce_mean(tf.square(prediction - target))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
t = np.linspace(0, 20, 200)
series = np.sin(t).astype(np.float32)
starts = np.arange(0, 190, 3)
feed = {ph: series[starts + i].reshape(-1, 1) for i, ph in enumerate(steps)}
feed[target] = series[starts + 5].reshape(-1, 1)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(301):
        _, l = sess.run([train, loss], feed)
        if it % 100 == 0:
            print(it, l)
