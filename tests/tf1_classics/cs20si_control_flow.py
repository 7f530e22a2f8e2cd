import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# CS20SI lecture 2/3 exercises: tf.cond, tf.case, tf.where, tf.gather, tf.diag, tf.unique-free ops, tf.Print
x = tf.random_uniform([])  # replaced below by fixed feeds
a = tf.placeholder(tf.float32, [])
b = tf.placeholder(tf.float32, [])
out = tf.cond(tf.greater(a, b), lambda: tf.add(a, b), lambda: tf.subtract(a, b))
out2 = tf.case({tf.less(a, b): lambda: tf.add(a, b), tf.greater(a, b): lambda: tf.subtract(a, b)}, default=lambda: tf.constant(0.0), exclusive=True)
v = tf.constant([29.05088806, 27.61298943, 31.19073486, 29.35532951, 30.97266006, 26.67541885, 38.08450317,
                 20.74983215, 34.94445419, 34.45999146, 29.06485367, 36.01657104, 27.88236427, 20.56035233,
                 30.20379066, 29.51215172, 33.71149445, 28.59134293, 36.05556488, 28.66994858])
indices = tf.where(v > 30)
big = tf.gather(v, indices)
m = tf.diag(tf.range(1, 7, 1))
mat = tf.constant([[1.0, 2.0], [3.0, 4.5]])
det = tf.matrix_determinant(mat)
y = tf.placeholder(tf.float32, [3])  # [None] meeting w of [3] in two ops: a typed refusal in symopt
w = tf.Variable([1.0, 2.0, 3.0])
shown = tf.Print(w * y, [w, y], "w and y: ")
loss = tf.reduce_sum(tf.where(y > 1.0, tf.square(w * y), tf.abs(w * y)))
gw = tf.gradients(loss, w)[0]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([out, out2], {a: 3.0, b: 1.0}), sess.run([out, out2], {a: 1.0, b: 3.0}), sess.run(out2, {a: 2.0, b: 2.0}))
    print(sess.run(indices).ravel(), sess.run(big).ravel())
    print(sess.run(m), sess.run(det))
    print(sess.run([shown, loss, gw], {y: [0.5, 2.0, -1.0]}))
