"""Sharing variables with tf.variable_scope and tf.get_variable, TF1 style."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(0)


def dense_relu(x, kernel_shape, bias_shape):
    weights = tf.get_variable("weights", kernel_shape, initializer=tf.random_normal_initializer())
    biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.1))
    return tf.nn.relu(tf.matmul(x, weights) + biases)


def two_layers(x):
    with tf.variable_scope("layer1"):
        h = dense_relu(x, [4, 3], [3])
    with tf.variable_scope("layer2"):
        return dense_relu(h, [3, 2], [2])


x1 = tf.placeholder(tf.float32, [None, 4])
x2 = tf.placeholder(tf.float32, [None, 4])
with tf.variable_scope("model") as scope:
    out1 = two_layers(x1)
    scope.reuse_variables()
    out2 = two_layers(x2)

with tf.variable_scope("model", reuse=True):
    w = tf.get_variable("layer1/weights")
print(w.name)
print([v.name for v in tf.global_variables()])

try:
    with tf.variable_scope("model"):
        tf.get_variable("layer1/weights", [4, 3])
except ValueError as error:
    print("ValueError:", str(error).split(",")[0])

data = np.arange(8, dtype=np.float32).reshape(2, 4)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, b = sess.run([out1, out2], feed_dict={x1: data, x2: data})
    print(np.array_equal(a, b), a.shape)
