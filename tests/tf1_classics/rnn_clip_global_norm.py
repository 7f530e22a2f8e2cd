import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# char-RNN-style training: clip_by_global_norm over tf.gradients of a tiny unrolled RNN, piecewise-constant rate
rng = np.random.RandomState(21)
text = "hello world, hello tensorflow, hello symopt. " * 4
chars = sorted(set(text)); vocab = len(chars); idx = {c: i for i, c in enumerate(chars)}
seq = np.array([idx[c] for c in text])
T, H = 6, 8
inputs = [tf.placeholder(tf.int32, [None]) for _ in range(T)]
targets = [tf.placeholder(tf.int32, [None]) for _ in range(T)]
Wxh = tf.Variable((rng.randn(vocab, H) * 0.1).astype(np.float32)); Whh = tf.Variable((rng.randn(H, H) * 0.1).astype(np.float32))
Why = tf.Variable((rng.randn(H, vocab) * 0.1).astype(np.float32)); bh = tf.Variable(tf.zeros([H])); by = tf.Variable(tf.zeros([vocab]))
h = tf.zeros([1, H])
losses = []
for x, t in zip(inputs, targets):
    h = tf.tanh(tf.matmul(tf.one_hot(x, vocab), Wxh) + tf.matmul(h, Whh) + bh)
    logits = tf.matmul(h, Why) + by
    losses.append(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=t, logits=logits))
loss = tf.reduce_mean(tf.add_n(losses)) / T
tvars = tf.trainable_variables()
grads, global_norm = tf.clip_by_global_norm(tf.gradients(loss, tvars), 1.0)
step = tf.Variable(0, trainable=False)
lr = tf.train.piecewise_constant(step, [30, 60], [0.5, 0.2, 0.05])
train = tf.train.GradientDescentOptimizer(lr).apply_gradients(zip(grads, tvars), global_step=step)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(90):
        p = (it * T) % (len(seq) - T - 1)
        feed = {ph: seq[p + i:p + i + 1] for i, ph in enumerate(inputs)}
        feed.update({ph: seq[p + i + 1:p + i + 2] for i, ph in enumerate(targets)})
        _, l, n = sess.run([train, loss, global_norm], feed)
        if it % 30 == 0 or it == 89:
            print(it, l, n, sess.run(lr))
