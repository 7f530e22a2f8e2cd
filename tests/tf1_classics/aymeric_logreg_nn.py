import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Aymeric Damien: logistic_regression.py (batches) and nearest_neighbor.py, on synthetic 10-class data
rng = np.random.RandomState(5)
centers = rng.randn(10, 16) * 3
lab = rng.randint(0, 10, 1200)
imgs = (centers[lab] + rng.randn(1200, 16)).astype(np.float32)
oh = np.eye(10, dtype=np.float32)[lab]
learning_rate, training_epochs, batch_size, display_step = 0.01, 10, 100, 2
x = tf.placeholder(tf.float32, [None, 16])
y = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([16, 10]))
b = tf.Variable(tf.zeros([10]))
pred = tf.nn.softmax(tf.matmul(x, W) + b)
cost = tf.reduce_mean(-tf.reduce_sum(y*tf.log(pred), reduction_indices=1))
optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost)
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        avg_cost = 0.
        total_batch = int(1000/batch_size)
        for i in range(total_batch):
            batch_xs, batch_ys = imgs[i*batch_size:(i+1)*batch_size], oh[i*batch_size:(i+1)*batch_size]
            _, c = sess.run([optimizer, cost], feed_dict={x: batch_xs, y: batch_ys})
            avg_cost += c / total_batch
        if (epoch+1) % display_step == 0:
            print("Epoch:", '%04d' % (epoch+1), "cost=", "{:.9f}".format(avg_cost))
    correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print("Accuracy:", accuracy.eval({x: imgs[1000:], y: oh[1000:]}))
# nearest neighbour
Xtr, Ytr, Xte, Yte = imgs[:500], oh[:500], imgs[1000:1020], oh[1000:1020]
xtr = tf.placeholder("float", [None, 16])
xte = tf.placeholder("float", [16])
distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices=1)
pred_nn = tf.arg_min(distance, 0)
accuracy = 0.
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(len(Xte)):
        nn_index = sess.run(pred_nn, feed_dict={xtr: Xtr, xte: Xte[i, :]})
        if i < 5:
            print("Test", i, "Prediction:", np.argmax(Ytr[nn_index]), "True Class:", np.argmax(Yte[i]), nn_index)
        if np.argmax(Ytr[nn_index]) == np.argmax(Yte[i]):
            accuracy += 1./len(Xte)
    print("Accuracy:", accuracy)
