"""A Python list holding tensors is packed into one tensor where TF1 expects a tensor (TF1's ``convert_to_tensor``
auto-packing, g-probe G12): ``tf.reduce_mean([loss1, loss2])`` raised a false "string tensor" message.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_lists_of_tensors_are_packed_and_train():
    a, b = tf.Variable(2.0), tf.Variable(3.0)
    x = tf.placeholder(tf.float32, [None, 2])
    l1, l2 = tf.reduce_mean(x) * a, tf.reduce_sum(x) * b
    feed = {x: [[1, 2], [3, 4]]}
    mean = tf.reduce_mean([l1, l2])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(mean)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: 17.5 6.0 [4. 9.] [3. 4.] [3. 4.] [[8.]], then a, b = 1.875, 2.5
        assert sess.run(mean, feed) == 17.5 and sess.run(tf.reduce_sum([a, b, 1.0])) == 6.0
        assert sess.run(tf.stack([a, b]) * [a, b]).tolist() == [4.0, 9.0]
        assert sess.run([a, b] + tf.constant([1.0, 1.0])).tolist() == [3.0, 4.0]
        assert sess.run(tf.reduce_max([tf.reduce_max(x, 0), tf.reduce_min(x, 0)], 0), feed).tolist() == [3.0, 4.0]
        assert sess.run(tf.matmul([[a, b]], [[1.0], [2.0]])).tolist() == [[8.0]]
        sess.run(train, feed)
        assert sess.run([a, b]) == [1.875, 2.5]
