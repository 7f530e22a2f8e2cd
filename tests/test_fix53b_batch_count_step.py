"""probe56 P56-10: a training step whose update reads only the batch's row count (``reduce_sum(b + x)`` by ``b``:
the gradient is the count per entry) takes the fed placeholder as an input, so ``minimize`` trains it (it raised
ShapeError "the data that carried it cancelled out").

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode, /work/wt/probe56/r_batchcount.py, one step of
GradientDescent(0.1) fed 4 rows of ones."""

import numpy as np

import symopt.compat.v1 as tf


def test_a_step_that_reads_only_the_row_count_trains():
    for dtype, expected in [(tf.float32, [[0.09999999403953552, -0.09999999403953552, 0.6000000238418579]]),
                            (tf.float64, [[0.09999999403953552, -0.10000000596046449, 0.5999999940395355]])]:
        tf.reset_default_graph()
        x = tf.placeholder(dtype, [None, 3], name="x")
        b = tf.Variable([[0.5, 0.3, 1.0]], dtype=dtype, name="b")
        train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(b + x))
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            session.run(train, {x: np.ones((4, 3))})
            assert session.run(b).tolist() == expected  # TF 2.21
