import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Morvan Zhou: classification with compute_accuracy building new ops at each call, softmax + cross-entropy by hand
rng = np.random.RandomState(19)
centers = rng.randn(10, 30) * 2
lab = rng.randint(0, 10, 1100)
images = (centers[lab] + rng.randn(1100, 30)).astype(np.float32)
labels = np.eye(10, dtype=np.float32)[lab]
def add_layer(inputs, in_size, out_size, activation_function=None):
    Weights = tf.Variable((rng.randn(in_size, out_size) * 0.1).astype(np.float32))
    biases = tf.Variable(tf.zeros([1, out_size]) + 0.1,)
    Wx_plus_b = tf.matmul(inputs, Weights) + biases
    return Wx_plus_b if activation_function is None else activation_function(Wx_plus_b)
def compute_accuracy(v_xs, v_ys):
    global prediction
    y_pre = sess.run(prediction, feed_dict={xs: v_xs})
    correct_prediction = tf.equal(tf.argmax(y_pre, 1), tf.argmax(v_ys, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    result = sess.run(accuracy, feed_dict={xs: v_xs, ys: v_ys})
    return result
xs = tf.placeholder(tf.float32, [None, 30])
ys = tf.placeholder(tf.float32, [None, 10])
prediction = add_layer(xs, 30, 10, activation_function=tf.nn.softmax)
cross_entropy = tf.reduce_mean(-tf.reduce_sum(ys * tf.log(prediction), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for i in range(200):
    start = (i * 100) % 1000
    batch_xs, batch_ys = images[start:start+100], labels[start:start+100]
    sess.run(train_step, feed_dict={xs: batch_xs, ys: batch_ys})
    if i % 50 == 0:
        print(compute_accuracy(images[1000:], labels[1000:]), sess.run(cross_entropy, {xs: batch_xs, ys: batch_ys}))
