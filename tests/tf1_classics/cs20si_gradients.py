import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# CS20SI lecture 3/4: tf.gradients of composed functions, stop_gradient, grad_ys, second derivative via tf.hessians-free double gradient
x = tf.Variable(2.0)
y = 2.0 * (x ** 3)
z = 3.0 + y ** 2
grad_z = tf.gradients(z, [x, y])
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
u = tf.stop_gradient(w * 2.0) * w
g_u = tf.gradients(tf.reduce_sum(u), w)
a = tf.constant([1.0, 2.0, 3.0])
v = tf.Variable([0.5, -1.0, 2.0])
h = tf.nn.sigmoid(v * a)
g_h = tf.gradients(h, v, grad_ys=tf.constant([1.0, 0.5, -1.0]))
dx = tf.gradients(x ** 4, x)[0]
ddx = tf.gradients(dx, x)[0]
sq = tf.gradients(tf.sqrt(tf.square(v)), v)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(grad_z))
    print(sess.run(g_u), sess.run(g_h), sess.run([dx, ddx]), sess.run(sq))
