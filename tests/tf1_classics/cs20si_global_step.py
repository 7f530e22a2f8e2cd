import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
import tempfile
# CS20SI lecture 5: a global step, staircase learning-rate decay, checkpoints every few steps, restore and continue
rng = np.random.RandomState(20)
Xd = rng.randn(500, 4).astype(np.float32)
yd = (Xd @ np.array([[1.0], [-1.0], [2.0], [0.5]]) + 0.3).astype(np.float32)
def build():
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4], name="X")
    Y = tf.placeholder(tf.float32, [None, 1], name="Y")
    W = tf.get_variable("W", initializer=tf.constant(np.zeros((4, 1), np.float32)))
    b = tf.get_variable("b", initializer=tf.constant(0.0))
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) + b - Y), name="loss")
    global_step = tf.Variable(0, dtype=tf.int32, trainable=False, name='global_step')
    lr = tf.train.exponential_decay(0.1, global_step, 20, 0.5, staircase=True)
    optimizer = tf.train.AdamOptimizer(lr).minimize(loss, global_step=global_step)
    return X, Y, W, b, loss, global_step, lr, optimizer
ckpt_dir = tempfile.mkdtemp()
X, Y, W, b, loss, global_step, lr, optimizer = build()
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ckpt = tf.train.get_checkpoint_state(ckpt_dir)
    print("checkpoint found:", bool(ckpt and ckpt.model_checkpoint_path))
    for index in range(50):
        start = (index * 50) % 500
        _, l = sess.run([optimizer, loss], {X: Xd[start:start+50], Y: yd[start:start+50]})
        if (index + 1) % 25 == 0:
            saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=index + 1)
            print(index, l, sess.run(lr), global_step.eval())
X, Y, W, b, loss, global_step, lr, optimizer = build()
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ckpt = tf.train.get_checkpoint_state(ckpt_dir)
    if ckpt and ckpt.model_checkpoint_path:
        saver.restore(sess, ckpt.model_checkpoint_path)
    print("restored step", global_step.eval(), os.path.basename(ckpt.model_checkpoint_path))
    for index in range(global_step.eval(), 80):
        start = (index * 50) % 500
        _, l = sess.run([optimizer, loss], {X: Xd[start:start+50], Y: yd[start:start+50]})
    print(l, sess.run(lr), sess.run(W).ravel(), sess.run(b))
