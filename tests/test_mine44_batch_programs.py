"""A shape-less placeholder fed a batch beside a ``[None, k]`` placeholder: one rebuilt program for every batch size
(probe65 P65-2; review F43b-10 measured main rebuilding once per size), with TF1's numbers."""

import numpy as np

import symopt.compat.v1 as tf

#: TF 2.21 tf.compat.v1 (graph mode) running the program below: the loss at each run, then W and b.
TF1_LOSSES = [0.126953125, 0.08571992069482803, 3.1574835777282715, 1.832586407661438, 0.06912007182836533,
              0.18002812564373016, 2.1025424003601074, 0.0631667897105217]
TF1_W = [0.7146785259246826, -0.04980253055691719, 0.8955256342887878]
TF1_B = 0.05683779716491699


def test_batch_sizes_share_one_rebuild_with_tf1_numbers():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.placeholder(tf.float32)
        W = tf.Variable(np.array([[0.5], [-0.25], [1.0]], np.float32))
        b = tf.Variable(0.0)
        loss = tf.reduce_mean(tf.square(tf.squeeze(tf.matmul(x, W), axis=1) + b - y))
        train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            losses = []
            for n in [2, 3, 5, 8, 3, 1, 13, 2]:
                X = (np.arange(3 * n, dtype=np.float32).reshape(n, 3) % 7 - 3) / 4
                Y = X @ np.array([1.0, 2.0, -1.0], np.float32) + 0.5
                losses.append(session.run([train, loss], {x: X, y: Y})[1])
            w_value, b_value = session.run([W, b])
    ulp = np.spacing(np.float32(4))
    assert np.allclose(losses, TF1_LOSSES, rtol=0, atol=2 * ulp)
    assert np.allclose(w_value.ravel(), TF1_W, rtol=0, atol=2 * ulp) and abs(b_value - TF1_B) <= 2 * ulp
    assert len(graph.specialized) == 1  # seven batch sizes, one program (main: one per size)
