import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Aymeric Damien: multilayer_perceptron.py (weights and biases in dicts; random_normal replaced by numpy draws)
rng = np.random.RandomState(13)
centers = rng.randn(3, 6) * 2
lab = rng.randint(0, 3, 900)
xs = (centers[lab] + rng.randn(900, 6)).astype(np.float32)
ys = np.eye(3, dtype=np.float32)[lab]
learning_rate, training_epochs, batch_size, display_step = 0.001, 15, 100, 5
n_hidden_1, n_hidden_2, n_input, n_classes = 16, 16, 6, 3
X = tf.placeholder("float", [None, n_input])
Y = tf.placeholder("float", [None, n_classes])
draw = lambda *shape: rng.randn(*shape).astype(np.float32)
weights = {'h1': tf.Variable(draw(n_input, n_hidden_1)), 'h2': tf.Variable(draw(n_hidden_1, n_hidden_2)),
           'out': tf.Variable(draw(n_hidden_2, n_classes))}
biases = {'b1': tf.Variable(draw(n_hidden_1)), 'b2': tf.Variable(draw(n_hidden_2)), 'out': tf.Variable(draw(n_classes))}
def multilayer_perceptron(x):
    layer_1 = tf.add(tf.matmul(x, weights['h1']), biases['b1'])
    layer_2 = tf.add(tf.matmul(layer_1, weights['h2']), biases['b2'])
    out_layer = tf.matmul(layer_2, weights['out']) + biases['out']
    return out_layer
logits = multilayer_perceptron(X)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate)
train_op = optimizer.minimize(loss_op)
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        avg_cost = 0.
        total_batch = 8
        for i in range(total_batch):
            batch_x, batch_y = xs[i*100:(i+1)*100], ys[i*100:(i+1)*100]
            _, c = sess.run([train_op, loss_op], feed_dict={X: batch_x, Y: batch_y})
            avg_cost += c / total_batch
        if epoch % display_step == 0:
            print("Epoch:", '%04d' % (epoch+1), "cost={:.9f}".format(avg_cost))
    print("Optimization Finished!")
    pred = tf.nn.softmax(logits)
    correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(Y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"))
    print("Accuracy:", accuracy.eval({X: xs[800:], Y: ys[800:]}))
    print(sess.run(optimizer.get_slot(weights['out'], 'm'))[0], sess.run(biases['out']))
