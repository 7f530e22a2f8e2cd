import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# TF1 "MNIST for ML beginners" softmax regression (synthetic 20-feature, 5-class data in place of MNIST)
rng = np.random.RandomState(1)
centers = rng.randn(5, 20) * 2
labels = rng.randint(0, 5, 2000)
images = (centers[labels] + rng.randn(2000, 20)).astype(np.float32)
onehot = np.eye(5, dtype=np.float32)[labels]
x = tf.placeholder(tf.float32, [None, 20])
W = tf.Variable(tf.zeros([20, 5]))
b = tf.Variable(tf.zeros([5]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
y_ = tf.placeholder(tf.float32, [None, 5])
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
for i in range(100):
    start = (i * 100) % 1500
    batch_xs, batch_ys = images[start:start + 100], onehot[start:start + 100]
    sess.run(train_step, feed_dict={x: batch_xs, y_: batch_ys})
    if i % 20 == 0:
        print(i, sess.run(cross_entropy, feed_dict={x: batch_xs, y_: batch_ys}))
correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
print(sess.run(accuracy, feed_dict={x: images[1500:], y_: onehot[1500:]}))
print(sess.run(W)[:2], sess.run(b))
sess.close()
