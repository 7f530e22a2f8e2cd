import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Aymeric Damien: autoencoder.py (sigmoid layers, RMSProp, tf.pow loss) on synthetic 0..1 data
rng = np.random.RandomState(14)
data = rng.rand(600, 12).astype(np.float32)
data[:, 6:] = data[:, :6] ** 2
learning_rate, num_steps, batch_size = 0.01, 300, 60
num_hidden_1, num_hidden_2, num_input = 8, 4, 12
X = tf.placeholder("float", [None, num_input])
draw = lambda *shape: (rng.randn(*shape) * 0.5).astype(np.float32)
weights = {'encoder_h1': tf.Variable(draw(num_input, num_hidden_1)), 'encoder_h2': tf.Variable(draw(num_hidden_1, num_hidden_2)),
           'decoder_h1': tf.Variable(draw(num_hidden_2, num_hidden_1)), 'decoder_h2': tf.Variable(draw(num_hidden_1, num_input))}
biases = {'encoder_b1': tf.Variable(draw(num_hidden_1)), 'encoder_b2': tf.Variable(draw(num_hidden_2)),
          'decoder_b1': tf.Variable(draw(num_hidden_1)), 'decoder_b2': tf.Variable(draw(num_input))}
def encoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['encoder_h1']), biases['encoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['encoder_h2']), biases['encoder_b2']))
    return layer_2
def decoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['decoder_h1']), biases['decoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['decoder_h2']), biases['decoder_b2']))
    return layer_2
encoder_op = encoder(X)
decoder_op = decoder(encoder_op)
y_pred = decoder_op
y_true = X
loss = tf.reduce_mean(tf.pow(y_true - y_pred, 2))
optimizer = tf.train.RMSPropOptimizer(learning_rate).minimize(loss)
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for i in range(1, num_steps+1):
        start = (i * batch_size) % 600
        batch_x = data[start:start + batch_size]
        _, l = sess.run([optimizer, loss], feed_dict={X: batch_x})
        if i % 100 == 0 or i == 1:
            print('Step %i: Minibatch Loss: %f' % (i, l), l)
    g = sess.run(decoder_op, feed_dict={X: data[:2]})
    print(g)
