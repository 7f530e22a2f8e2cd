"""A multilayer perceptron written with raw ops (weights and biases in dicts), TF1 style."""
from __future__ import print_function

import numpy as np
import tensorflow as tf

import digits_data

train_x, train_y, test_x, test_y = digits_data.load()
np.random.seed(1)

# Parameters
learning_rate = 0.001
training_epochs = 3
batch_size = 100
display_step = 1

# Network Parameters
n_hidden_1 = 32  # 1st layer number of neurons
n_hidden_2 = 16  # 2nd layer number of neurons
n_input = 64
n_classes = 10

# tf Graph input
X = tf.placeholder("float", [None, n_input])
Y = tf.placeholder("float", [None, n_classes])

# Store layers weight & bias
weights = {
    'h1': tf.Variable(np.random.randn(n_input, n_hidden_1) * 0.1, dtype=tf.float32),
    'h2': tf.Variable(np.random.randn(n_hidden_1, n_hidden_2) * 0.1, dtype=tf.float32),
    'out': tf.Variable(np.random.randn(n_hidden_2, n_classes) * 0.1, dtype=tf.float32)
}
biases = {
    'b1': tf.Variable(np.random.randn(n_hidden_1) * 0.1, dtype=tf.float32),
    'b2': tf.Variable(np.random.randn(n_hidden_2) * 0.1, dtype=tf.float32),
    'out': tf.Variable(np.random.randn(n_classes) * 0.1, dtype=tf.float32)
}


# Create model
def multilayer_perceptron(x):
    # Hidden fully connected layer with 32 neurons
    layer_1 = tf.nn.relu(tf.add(tf.matmul(x, weights['h1']), biases['b1']))
    # Hidden fully connected layer with 16 neurons
    layer_2 = tf.nn.relu(tf.add(tf.matmul(layer_1, weights['h2']), biases['b2']))
    # Output fully connected layer with a neuron for each class
    out_layer = tf.matmul(layer_2, weights['out']) + biases['out']
    return out_layer


# Construct model
logits = multilayer_perceptron(X)

# Define loss and optimizer
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate)
train_op = optimizer.minimize(loss_op)
# Initializing the variables
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    costs = []
    for epoch in range(training_epochs):
        avg_cost = 0.
        total_batch = int(len(train_x) / batch_size)
        for i in range(total_batch):
            batch_x = train_x[i * batch_size:(i + 1) * batch_size]
            batch_y = train_y[i * batch_size:(i + 1) * batch_size]
            _, c = sess.run([train_op, loss_op], feed_dict={X: batch_x, Y: batch_y})
            costs.append(c)
            avg_cost += c / total_batch
        if epoch % display_step == 0:
            print("Epoch:", '%04d' % (epoch + 1), "cost={:.9f}".format(avg_cost))
    print("Optimization Finished!")

    pred = tf.nn.softmax(logits)  # Apply softmax to logits
    correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(Y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"))
    print("Accuracy:", accuracy.eval({X: test_x, Y: test_y}))
