import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 9 exercise 12: logistic regression with mini-batches, tf.losses.log_loss, Adam, a global step,
# name scopes, a Saver that saves every 100 epochs and a summary of the loss written to a FileWriter
import tempfile
rng = np.random.RandomState(42)
m = 1000
X_moons = rng.randn(m, 2)
y_moons = (X_moons[:, 0] ** 2 + X_moons[:, 1] > 0.5).astype(np.float32)
X_enh = np.c_[np.ones((m, 1)), X_moons, X_moons[:, 0:1] ** 2, X_moons[:, 1:2] ** 2, X_moons[:, 0:1] ** 3]
X_train, X_test = X_enh[:800], X_enh[800:]
y_train, y_test = y_moons[:800].reshape(-1, 1), y_moons[800:].reshape(-1, 1)
def random_batch(X_train, y_train, batch_size):
    rnd_indices = np.random.randint(0, len(X_train), batch_size)
    return X_train[rnd_indices], y_train[rnd_indices]
def logistic_regression(X, y, initializer=None, seed=42, learning_rate=0.01):
    n_inputs_including_bias = int(X.get_shape()[1])
    with tf.name_scope("logistic_regression"):
        with tf.name_scope("model"):
            theta = tf.Variable(np.full((n_inputs_including_bias, 1), 0.1, np.float32), name="theta")
            logits = tf.matmul(X, theta, name="logits")
            y_proba = tf.sigmoid(logits)
        with tf.name_scope("train"):
            loss = tf.losses.log_loss(y, y_proba, scope="loss")
            optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate)
            training_op = optimizer.minimize(loss)
            loss_summary = tf.summary.scalar('log_loss', loss)
        with tf.name_scope("init"):
            init = tf.global_variables_initializer()
        with tf.name_scope("save"):
            saver = tf.train.Saver()
    return y_proba, loss, training_op, loss_summary, init, saver
n_inputs = 2 + 3
X = tf.placeholder(tf.float32, shape=(None, n_inputs + 1), name="X")
y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
y_proba, loss, training_op, loss_summary, init, saver = logistic_regression(X, y)
logdir = tempfile.mkdtemp()
file_writer = tf.summary.FileWriter(logdir, tf.get_default_graph())
n_epochs, batch_size = 301, 50
n_batches = int(np.ceil(m / batch_size))
np.random.seed(3)
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(n_epochs):
        for batch_index in range(n_batches):
            X_batch, y_batch = random_batch(X_train, y_train, batch_size)
            sess.run(training_op, feed_dict={X: X_batch, y: y_batch})
        loss_val, summary_str = sess.run([loss, loss_summary], feed_dict={X: X_test, y: y_test})
        file_writer.add_summary(summary_str, epoch)
        if epoch % 100 == 0:
            print("Epoch:", epoch, "\tLoss:", loss_val)
            saver.save(sess, os.path.join(logdir, "my_logreg_model.ckpt"))
    y_proba_val = y_proba.eval(feed_dict={X: X_test, y: y_test})
file_writer.close()
y_pred = (y_proba_val >= 0.5)
print("precision-ish", float((y_pred & (y_test > 0.5)).sum()) / max(1, y_pred.sum()), y_proba_val[:3].ravel())
print(loss.name, y_proba.name)
