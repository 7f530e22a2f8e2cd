import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# Stanford CS20SI lecture 3/4: linear regression on (birth rate, life expectancy) with the Huber loss, one sample a run
rng = np.random.RandomState(3)
birth = rng.uniform(1, 7, 190).astype(np.float32)
life = (80 - 6 * birth + rng.randn(190) * 3).astype(np.float32)
life[:5] += 40  # outliers
data = list(zip(birth, life))
n_samples = len(data)
X = tf.placeholder(tf.float32, name='X')
Y = tf.placeholder(tf.float32, name='Y')
w = tf.get_variable('weights', initializer=tf.constant(0.0))
b = tf.get_variable('bias', initializer=tf.constant(0.0))
Y_predicted = w * X + b
def huber_loss(labels, predictions, delta=14.0):
    residual = tf.abs(labels - predictions)
    def f1(): return 0.5 * tf.square(residual)
    def f2(): return delta * residual - 0.5 * tf.square(delta)
    return tf.cond(residual < delta, f1, f2)
loss = huber_loss(Y, Y_predicted)
loss2 = tf.square(Y - Y_predicted, name='loss')
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(20):
        total_loss = 0
        for x, y in data:
            _, l = sess.run([optimizer, loss], feed_dict={X: x, Y: y})
            total_loss += l
        if i % 5 == 0:
            print('Epoch {0}: {1}'.format(i, total_loss / n_samples))
    w_out, b_out = sess.run([w, b])
print(w_out, b_out)
