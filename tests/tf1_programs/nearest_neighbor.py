"""Nearest neighbour with L1 distance, in the style of the TF1 example collections."""
from __future__ import print_function

import numpy as np
import tensorflow as tf

import digits_data

Xtr, Ytr, Xte, Yte = digits_data.load()
Xte, Yte = Xte[:50], Yte[:50]

# tf Graph Input
xtr = tf.placeholder("float", [None, 64])
xte = tf.placeholder("float", [64])

# Nearest Neighbor calculation using L1 Distance
distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices=1)
# Prediction: Get min distance index (Nearest neighbor)
pred = tf.arg_min(distance, 0)

accuracy = 0.
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for i in range(len(Xte)):
        nn_index = sess.run(pred, feed_dict={xtr: Xtr, xte: Xte[i, :]})
        if i < 5:
            print("Test", i, "Prediction:", np.argmax(Ytr[nn_index]), "True Class:", np.argmax(Yte[i]))
        if np.argmax(Ytr[nn_index]) == np.argmax(Yte[i]):
            accuracy += 1. / len(Xte)
    print("Done!")
    print("Accuracy:", accuracy)
