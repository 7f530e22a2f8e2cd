import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Stanford CS20SI lecture 2: operations, constants, variables, assign, placeholders, InteractiveSession
a = tf.constant([2, 2], name='a')
b = tf.constant([[0, 1], [2, 3]], name='b')
x = tf.multiply(a, b, name='mul')
with tf.Session() as sess:
    print(sess.run(x))
print(tf.zeros([2, 3], tf.int32), tf.ones_like(b))
a = tf.constant([10, 20], name='a')
b = tf.constant([2, 3], name='b')
with tf.Session() as sess:
    print(sess.run(tf.div(a, b)), sess.run(tf.mod(a, b)), sess.run(tf.truediv(a, b)))
    print(sess.run(tf.linspace(10.0, 13.0, 4)), sess.run(tf.range(3, 18, 3)))
W = tf.Variable(10)
assign_op = W.assign(100)
with tf.Session() as sess:
    sess.run(W.initializer)
    print(W.eval())
    sess.run(assign_op)
    print(W.eval())
my_var = tf.Variable(2, name="my_var")
my_var_times_two = my_var.assign(2 * my_var)
with tf.Session() as sess:
    sess.run(my_var.initializer)
    print(sess.run(my_var_times_two), sess.run(my_var_times_two), sess.run(my_var_times_two))
my_var = tf.Variable(10)
with tf.Session() as sess:
    sess.run(my_var.initializer)
    print(sess.run(my_var.assign_add(10)), sess.run(my_var.assign_sub(2)))
W = tf.Variable(10)
sess1 = tf.Session()
sess2 = tf.Session()
sess1.run(W.initializer)
sess2.run(W.initializer)
print(sess1.run(W.assign_add(10)), sess2.run(W.assign_sub(2)))
print(sess1.run(W.assign_add(100)), sess2.run(W.assign_sub(50)))
sess1.close(); sess2.close()
a = tf.placeholder(tf.float32, shape=[3])
b = tf.constant([5, 5, 5], tf.float32)
c = a + b
with tf.Session() as sess:
    print(sess.run(c, {a: [1, 2, 3]}))
a = tf.add(2, 5)
b = tf.multiply(a, 3)
with tf.Session() as sess:
    print(sess.run(b, feed_dict={a: 15}))
W = tf.Variable(tf.truncated_normal([700, 10]))
U = tf.Variable(2 * W.initialized_value())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    w, u = sess.run([W, U])
    print(np.allclose(u, 2 * w), w.shape, bool(np.all(np.abs(w) <= 2.0)))
