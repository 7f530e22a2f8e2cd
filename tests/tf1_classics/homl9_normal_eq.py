import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 9: linear regression with the normal equation
rng = np.random.RandomState(42)
m, n = 200, 3
data = rng.rand(m, n) * 10
target = data @ np.array([[1.5], [-2.0], [0.7]]) + 3.0 + rng.randn(m, 1)
housing_data_plus_bias = np.c_[np.ones((m, 1)), data]
X = tf.constant(housing_data_plus_bias, dtype=tf.float32, name="X")
y = tf.constant(target.reshape(-1, 1), dtype=tf.float32, name="y")
XT = tf.transpose(X)
theta = tf.matmul(tf.matmul(tf.matrix_inverse(tf.matmul(XT, X)), XT), y)
with tf.Session() as sess:
    theta_value = theta.eval()
print(theta_value)
