import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
import tempfile
# Hands-On ML ch. 9: mini-batch gradient descent with placeholders, fetch_batch, name scopes, Saver
rng = np.random.RandomState(0)
m, n = 1000, 3
scaled = rng.randn(m, n)
target = scaled @ np.array([[1.5], [-2.0], [0.7]]) + 3.0 + 0.1 * rng.randn(m, 1)
data_plus_bias = np.c_[np.ones((m, 1)), scaled]
X = tf.placeholder(tf.float32, shape=(None, n + 1), name="X")
y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
theta = tf.Variable(np.array([[0.1], [-0.2], [0.3], [0.05]], dtype=np.float32), name="theta")
y_pred = tf.matmul(X, theta, name="predictions")
with tf.name_scope("loss") as scope:
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
print(error.op.name, mse.op.name)
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.01)
training_op = optimizer.minimize(mse)
init = tf.global_variables_initializer()
saver = tf.train.Saver()
n_epochs = 10
batch_size = 100
n_batches = int(np.ceil(m / batch_size))
def fetch_batch(epoch, batch_index, batch_size):
    np.random.seed(epoch * n_batches + batch_index)
    indices = np.random.randint(m, size=batch_size)
    return data_plus_bias[indices], target.reshape(-1, 1)[indices]
path = os.path.join(tempfile.mkdtemp(), "my_model.ckpt")
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(n_epochs):
        for batch_index in range(n_batches):
            X_batch, y_batch = fetch_batch(epoch, batch_index, batch_size)
            sess.run(training_op, feed_dict={X: X_batch, y: y_batch})
        print("epoch", epoch, mse.eval(feed_dict={X: data_plus_bias, y: target}))
        if epoch == 4:
            saver.save(sess, path)
    best_theta = theta.eval()
print(best_theta.ravel())
with tf.Session() as sess:
    saver.restore(sess, path)
    print("restored", theta.eval().ravel())
