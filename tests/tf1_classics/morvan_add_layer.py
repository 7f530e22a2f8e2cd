import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Morvan Zhou: add_layer and fitting a parabola (weights from numpy, as a seeded tf.random_normal would differ)
wrng = np.random.RandomState(11)
def add_layer(inputs, in_size, out_size, activation_function=None):
    Weights = tf.Variable(wrng.randn(in_size, out_size).astype(np.float32))
    biases = tf.Variable(tf.zeros([1, out_size]) + 0.1)
    Wx_plus_b = tf.matmul(inputs, Weights) + biases
    if activation_function is None:
        outputs = Wx_plus_b
    else:
        outputs = activation_function(Wx_plus_b)
    return outputs
x_data = np.linspace(-1, 1, 300)[:, np.newaxis].astype(np.float32)
noise = np.random.RandomState(2).normal(0, 0.05, x_data.shape).astype(np.float32)
y_data = np.square(x_data) - 0.5 + noise
xs = tf.placeholder(tf.float32, [None, 1])
ys = tf.placeholder(tf.float32, [None, 1])
l1 = add_layer(xs, 1, 10, activation_function=tf.nn.relu)
prediction = add_layer(l1, 10, 1, activation_function=None)
loss = tf.reduce_mean(tf.reduce_sum(tf.square(ys - prediction), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
init = tf.global_variables_initializer()
sess = tf.Session()
sess.run(init)
for i in range(1000):
    sess.run(train_step, feed_dict={xs: x_data, ys: y_data})
    if i % 200 == 0:
        print(sess.run(loss, feed_dict={xs: x_data, ys: y_data}))
print(sess.run(prediction, feed_dict={xs: x_data[::60]}).ravel())
# Morvan: the first example, y = 0.1 x + 0.3
x_data = np.random.RandomState(4).rand(100).astype(np.float32)
y_data = x_data*0.1 + 0.3
Weights = tf.Variable(np.float32([0.6]))
biases = tf.Variable(tf.zeros([1]))
y = Weights*x_data + biases
loss = tf.reduce_mean(tf.square(y-y_data))
optimizer = tf.train.GradientDescentOptimizer(0.5)
train = optimizer.minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(201):
    sess.run(train)
    if step % 50 == 0:
        print(step, sess.run(Weights), sess.run(biases))
