"""A multilayer perceptron with tf.layers.dense and tf.contrib.layers, with dropout, TF1 style."""
from __future__ import print_function

import tensorflow as tf

import digits_data

train_x, train_y, test_x, test_y = digits_data.load()
tf.set_random_seed(7)

X = tf.placeholder(tf.float32, [None, 64], name="X")
Y = tf.placeholder(tf.float32, [None, 10], name="Y")
keep_prob = tf.placeholder(tf.float32)

hidden = tf.layers.dense(X, 32, activation=tf.nn.relu,
                         kernel_initializer=tf.contrib.layers.xavier_initializer())
hidden = tf.nn.dropout(hidden, keep_prob)
hidden2 = tf.contrib.layers.fully_connected(hidden, 16)
logits = tf.layers.dense(hidden2, 10)

loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=logits))
train_op = tf.train.RMSPropOptimizer(0.01).minimize(loss)
accuracy = tf.reduce_mean(tf.to_float(tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1))))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(5):
        for i in range(15):
            batch_x, batch_y = train_x[i * 100:(i + 1) * 100], train_y[i * 100:(i + 1) * 100]
            _, c = sess.run([train_op, loss], feed_dict={X: batch_x, Y: batch_y, keep_prob: 0.8})
        print("Epoch", epoch + 1, "loss", c)
    print("Variables:", [v.name for v in tf.trainable_variables()])
    print("Accuracy:", sess.run(accuracy, feed_dict={X: test_x, Y: test_y, keep_prob: 1.0}))
