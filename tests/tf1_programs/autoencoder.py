"""A sigmoid autoencoder trained with RMSProp, in the style of the TF1 example collections."""
from __future__ import print_function

import numpy as np
import tensorflow as tf

import digits_data

train_x, _, test_x, _ = digits_data.load(one_hot=False)
np.random.seed(2)

# Training Parameters
learning_rate = 0.01
num_steps = 60
batch_size = 100
display_step = 20

# Network Parameters
num_hidden_1 = 32  # 1st layer num features
num_hidden_2 = 16  # 2nd layer num features (the latent dim)
num_input = 64  # digits data input (img shape: 8*8)

# tf Graph input (only pictures)
X = tf.placeholder("float", [None, num_input])

weights = {
    'encoder_h1': tf.Variable(np.random.randn(num_input, num_hidden_1).astype(np.float32)),
    'encoder_h2': tf.Variable(np.random.randn(num_hidden_1, num_hidden_2).astype(np.float32)),
    'decoder_h1': tf.Variable(np.random.randn(num_hidden_2, num_hidden_1).astype(np.float32)),
    'decoder_h2': tf.Variable(np.random.randn(num_hidden_1, num_input).astype(np.float32)),
}
biases = {
    'encoder_b1': tf.Variable(np.random.randn(num_hidden_1).astype(np.float32)),
    'encoder_b2': tf.Variable(np.random.randn(num_hidden_2).astype(np.float32)),
    'decoder_b1': tf.Variable(np.random.randn(num_hidden_1).astype(np.float32)),
    'decoder_b2': tf.Variable(np.random.randn(num_input).astype(np.float32)),
}


# Building the encoder
def encoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['encoder_h1']), biases['encoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['encoder_h2']), biases['encoder_b2']))
    return layer_2


# Building the decoder
def decoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['decoder_h1']), biases['decoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['decoder_h2']), biases['decoder_b2']))
    return layer_2


# Construct model
encoder_op = encoder(X)
decoder_op = decoder(encoder_op)

# Prediction
y_pred = decoder_op
# Targets (Labels) are the input data.
y_true = X

# Define loss and optimizer, minimize the squared error
loss = tf.reduce_mean(tf.pow(y_true - y_pred, 2))
optimizer = tf.train.RMSPropOptimizer(learning_rate).minimize(loss)

init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for i in range(1, num_steps + 1):
        start = ((i - 1) * batch_size) % 1500
        batch_x = train_x[start:start + batch_size]
        _, l = sess.run([optimizer, loss], feed_dict={X: batch_x})
        if i % display_step == 0 or i == 1:
            print('Step %i: Minibatch Loss: %f' % (i, l))
    g = sess.run(decoder_op, feed_dict={X: test_x[:4]})
    print("Reconstruction error:", float(np.mean((g - test_x[:4]) ** 2)))
