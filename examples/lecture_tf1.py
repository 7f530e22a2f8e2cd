"""The lecture's TensorFlow 1.x program (course 2, week 3, video 3.11), unchanged but for the import line.

Run: python examples/lecture_tf1.py
TensorFlow 1.x printed 0.0, 0.099999994, 4.9999886; with Adam(0.1), 5.000001.
"""

import numpy as np

import symopt.compat.v1 as tf  # was: import tensorflow as tf

coefficients = np.array([[1.], [-10.], [25.]])

w = tf.Variable(0, dtype=tf.float32)
x = tf.placeholder(tf.float32, [3, 1])
# cost = tf.add(tf.add(w**2, tf.multiply(-10., w)), 25)
# cost = w**2 - 10*w + 25
cost = x[0][0]*w**2 + x[1][0]*w + x[2][0]
train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
init = tf.global_variables_initializer()
session = tf.Session()
session.run(init)
print(session.run(w))

session.run(train, feed_dict={x: coefficients})
print(session.run(w))

for i in range(1000):
    session.run(train, feed_dict={x: coefficients})
print(session.run(w))

# Swap in Adam with one line.
w = tf.Variable(0, dtype=tf.float32)
cost = w**2 - 10*w + 25
train = tf.train.AdamOptimizer(0.1).minimize(cost)
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    for i in range(1000):
        session.run(train)
    print(session.run(w))
