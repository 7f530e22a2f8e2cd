import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
import tempfile
# Hands-On ML ch. 11: reuse pretrained layers (Saver of a dict of variables by op name, regex scopes), freeze the
# lower layers (var_list of the upper ones), max-norm clipping with clip_by_norm + assign after each step
rng = np.random.RandomState(23)
centers = rng.randn(3, 6) * 2
lab = rng.randint(0, 3, 600)
data = (centers[lab] + rng.randn(600, 6)).astype(np.float32)
def dense(X, n_out, name, activation=None):
    with tf.variable_scope(name):
        W = tf.get_variable("kernel", initializer=tf.constant(rng.uniform(-0.5, 0.5, (int(X.get_shape()[1]), n_out)).astype(np.float32)))
        b = tf.get_variable("bias", initializer=tf.zeros([n_out]))
        z = tf.matmul(X, W) + b
        return activation(z) if activation else z
def build():
    X = tf.placeholder(tf.float32, shape=(None, 6), name="X")
    y = tf.placeholder(tf.int32, shape=(None), name="y")
    h1 = dense(X, 10, "hidden1", tf.nn.relu)
    h2 = dense(h1, 8, "hidden2", tf.nn.relu)
    logits = dense(h2, 3, "outputs")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.nn.in_top_k(logits, y, 1), tf.float32))
    return X, y, loss, accuracy
path = os.path.join(tempfile.mkdtemp(), "pretrained.ckpt")
X, y, loss, accuracy = build()
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(50):
        sess.run(train, {X: data[(i % 5) * 100:(i % 5 + 1) * 100], y: lab[(i % 5) * 100:(i % 5 + 1) * 100]})
    print("pretrained", sess.run([loss, accuracy], {X: data[500:], y: lab[500:]}))
    tf.train.Saver().save(sess, path)
tf.reset_default_graph()
rng = np.random.RandomState(99)
X, y, loss, accuracy = build()
reuse_vars = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="hidden[12]")
reuse_vars_dict = dict([(var.op.name, var) for var in reuse_vars])
print(sorted(reuse_vars_dict))
restore_saver = tf.train.Saver(reuse_vars_dict)
train_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="hidden2|outputs")
optimizer = tf.train.MomentumOptimizer(0.05, 0.9)
training_op = optimizer.minimize(loss, var_list=train_vars)
with tf.variable_scope("hidden2", reuse=True):
    weights = tf.get_variable("kernel")
clipped = tf.clip_by_norm(weights, clip_norm=1.0, axes=1)
clip_weights = tf.assign(weights, clipped)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    restore_saver.restore(sess, path)
    h1_before = sess.run(tf.get_default_graph().get_tensor_by_name("hidden1/kernel:0"))
    for i in range(30):
        sess.run(training_op, {X: data[(i % 5) * 100:(i % 5 + 1) * 100], y: lab[(i % 5) * 100:(i % 5 + 1) * 100]})
        clip_weights.eval()
    print("fine-tuned", sess.run([loss, accuracy], {X: data[500:], y: lab[500:]}))
    h1_after = sess.run(tf.get_default_graph().get_tensor_by_name("hidden1/kernel:0"))
    print("hidden1 frozen:", bool(np.array_equal(h1_before, h1_after)), np.linalg.norm(sess.run(weights), axis=1).max())
