"""Save a model with tf.train.Saver and restore it in a new session (no initializer), TF1 style."""
from __future__ import print_function

import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

import digits_data

train_x, train_y, test_x, test_y = digits_data.load()
model_path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(), "model.ckpt")
np.random.seed(3)

x = tf.placeholder("float", [None, 64])
y = tf.placeholder("float", [None, 10])
W1 = tf.Variable(np.random.randn(64, 24).astype(np.float32) * 0.1, name="W1")
b1 = tf.Variable(tf.zeros([24]), name="b1")
W2 = tf.Variable(np.random.randn(24, 10).astype(np.float32) * 0.1, name="W2")
b2 = tf.Variable(tf.zeros([10]), name="b2")
logits = tf.matmul(tf.nn.relu(tf.matmul(x, W1) + b1), W2) + b2
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), "float"))

init = tf.global_variables_initializer()
saver = tf.train.Saver()

print("Starting 1st session...")
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(3):
        for i in range(15):
            _, c = sess.run([optimizer, cost], feed_dict={x: train_x[i * 100:(i + 1) * 100],
                                                          y: train_y[i * 100:(i + 1) * 100]})
        print("Epoch:", '%04d' % (epoch + 1), "cost=", "{:.9f}".format(c))
    first_accuracy = accuracy.eval({x: test_x, y: test_y})
    print("Accuracy:", first_accuracy)
    save_path = saver.save(sess, model_path)
    print("Model saved in file: %s" % save_path)
    saved_b1 = sess.run(b1)

print("Starting 2nd session...")
with tf.Session() as sess:
    # Restore model weights from previously saved model (no initializer run)
    saver.restore(sess, model_path)
    print("Model restored from file: %s" % save_path)
    print("Restored b1 equal:", bool(np.array_equal(sess.run(b1), saved_b1)))
    print("Accuracy:", accuracy.eval({x: test_x, y: test_y}))
    for i in range(15):
        _, c = sess.run([optimizer, cost], feed_dict={x: train_x[i * 100:(i + 1) * 100],
                                                      y: train_y[i * 100:(i + 1) * 100]})
    print("Resumed cost=", "{:.9f}".format(c))
