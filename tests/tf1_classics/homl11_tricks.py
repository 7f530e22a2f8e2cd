import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Hands-On ML ch. 11: leaky ReLU / ELU layers, gradient clipping, exponential decay, Nesterov, l1 regularization
rng = np.random.RandomState(8)
centers = rng.randn(4, 8) * 2
lab = rng.randint(0, 4, 600)
data = (centers[lab] + rng.randn(600, 8)).astype(np.float32)
def leaky_relu(z, name=None):
    return tf.maximum(0.01 * z, z, name=name)
n_inputs, n_hidden1, n_hidden2, n_outputs = 8, 12, 10, 4
X = tf.placeholder(tf.float32, shape=(None, n_inputs), name="X")
y = tf.placeholder(tf.int64, shape=(None), name="y")
def neuron_layer(X, n_neurons, name, activation=None):  # the book's ch. 10 layer (its truncated normal: numpy here)
    with tf.name_scope(name):
        n_inputs = int(X.get_shape()[1])
        init = rng.uniform(-0.5, 0.5, (n_inputs, n_neurons)).astype(np.float32)
        W = tf.Variable(init, name="kernel")
        b = tf.Variable(tf.zeros([n_neurons]), name="bias")
        Z = tf.matmul(X, W) + b
        if activation is not None:
            return activation(Z)
        else:
            return Z
with tf.name_scope("dnn"):
    hidden1 = neuron_layer(X, n_hidden1, name="hidden1", activation=leaky_relu)
    hidden2 = neuron_layer(hidden1, n_hidden2, name="hidden2", activation=tf.nn.elu)
    logits = neuron_layer(hidden2, n_outputs, name="outputs")
with tf.name_scope("loss"):
    xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    base_loss = tf.reduce_mean(xentropy, name="avg_xentropy")
    weights = tf.get_default_graph().get_tensor_by_name("dnn/hidden1/kernel:0")
    reg_losses = tf.reduce_sum(tf.abs(weights))
    loss = tf.add(base_loss, 0.001 * reg_losses, name="loss")
with tf.name_scope("train"):
    global_step = tf.Variable(0, trainable=False, name="global_step")
    learning_rate = tf.train.exponential_decay(0.1, global_step, 10, 0.5)
    optimizer = tf.train.MomentumOptimizer(learning_rate, momentum=0.9, use_nesterov=True)
    threshold = 1.0
    grads_and_vars = optimizer.compute_gradients(loss)
    capped_gvs = [(tf.clip_by_value(grad, -threshold, threshold), var) for grad, var in grads_and_vars]
    training_op = optimizer.apply_gradients(capped_gvs, global_step=global_step)
with tf.name_scope("eval"):
    correct = tf.nn.in_top_k(logits, y, 1)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
with tf.Session() as sess:
    tf.global_variables_initializer().run()
    for epoch in range(5):
        for it in range(500 // 50):
            X_batch, y_batch = data[it*50:(it+1)*50], lab[it*50:(it+1)*50]
            sess.run(training_op, feed_dict={X: X_batch, y: y_batch})
        acc, l, lr = sess.run([accuracy, loss, learning_rate], feed_dict={X: data[500:], y: lab[500:]})
        print(epoch, "acc:", acc, "loss:", l, "lr:", lr, "step:", global_step.eval())
