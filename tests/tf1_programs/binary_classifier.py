"""Binary logistic regression with placeholders declared without shapes (any batch size may be fed),
a hand-written cross-entropy, and an accuracy from tf.greater, TF1 style."""
from __future__ import print_function

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(4)
x_data = rng.randn(100, 2).astype(np.float32)
y_data = (x_data[:, :1] + x_data[:, 1:] > 0).astype(np.float32)

X = tf.placeholder("float")
Y = tf.placeholder("float")
W = tf.Variable(tf.zeros([2, 1]), name="weight")
b = tf.Variable(tf.zeros([1]), name="bias")

hypothesis = tf.sigmoid(tf.matmul(X, W) + b)
cost = -tf.reduce_mean(Y * tf.log(hypothesis) + (1 - Y) * tf.log(1 - hypothesis))
train = tf.train.GradientDescentOptimizer(learning_rate=0.5).minimize(cost)

predicted = tf.cast(hypothesis > 0.5, dtype=tf.float32)
accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, Y), dtype=tf.float32))
print(hypothesis)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    costs = []
    for epoch in range(20):
        for start in range(0, 100, 32):  # the last batch has 4 examples
            cost_val, _ = sess.run([cost, train], feed_dict={X: x_data[start:start + 32], Y: y_data[start:start + 32]})
            costs.append(cost_val)
        if epoch % 5 == 4:
            print(epoch + 1, cost_val)
    h, c, a = sess.run([hypothesis, predicted, accuracy], feed_dict={X: x_data, Y: y_data})
    print("Accuracy:", a)
