import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 9: batch gradient descent, gradients by hand, then tf.gradients, then an optimizer
rng = np.random.RandomState(42)
m, n = 100, 3
data = rng.rand(m, n)
scaled = (data - data.mean(axis=0)) / data.std(axis=0)
target = (data @ np.array([[1.5], [-2.0], [0.7]]) + 3.0 + 0.1 * rng.randn(m, 1)).astype(np.float32)
scaled_housing_data_plus_bias = np.c_[np.ones((m, 1)), scaled]
init_theta = rng.uniform(-1.0, 1.0, size=(n + 1, 1)).astype(np.float32)
n_epochs = 1000
learning_rate = 0.01
for mode in ("manual", "autodiff", "optimizer", "momentum"):
    tf.reset_default_graph()
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(init_theta, name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    if mode == "manual":
        gradients = 2/m * tf.matmul(tf.transpose(X), error)
        training_op = tf.assign(theta, theta - learning_rate * gradients)
    elif mode == "autodiff":
        gradients = tf.gradients(mse, [theta])[0]
        training_op = tf.assign(theta, theta - learning_rate * gradients)
    elif mode == "optimizer":
        training_op = tf.train.GradientDescentOptimizer(learning_rate=learning_rate).minimize(mse)
    else:
        training_op = tf.train.MomentumOptimizer(learning_rate=learning_rate, momentum=0.9).minimize(mse)
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init)
        for epoch in range(n_epochs):
            if epoch % 100 == 0:
                print(mode, "Epoch", epoch, "MSE =", mse.eval())
            sess.run(training_op)
        best_theta = theta.eval()
    print(mode, best_theta.ravel())
