"""probe15 Y9 (compat14): the matrix forms of the rank-3 pairwise-distance idiom (k-means, k-NN, RBF kernels) that
symopt.compat.v1's rank-3 refusals name run with TF 2.21's numbers, and the advice names both."""

import numpy as np

import symopt.compat.v1 as tf
from symopt.compat.v1.rank_limits import RANK3_ADVICE, rank3_refusal
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_matrix_forms_of_pairwise_distances_are_tf1s():
    P = tf.placeholder(tf.float32, [None, 2])
    C = tf.Variable(np.float32([[0., 0.], [3., 3.]]))
    by_matmul = (tf.reduce_sum(tf.square(C), 1, keepdims=True) - 2 * tf.matmul(C, P, transpose_b=True)
                 + tf.transpose(tf.reduce_sum(tf.square(P), 1, keepdims=True)))
    by_rows = tf.stack([tf.reduce_sum(tf.square(P - C[k]), 1) for k in range(2)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([by_matmul, tf.argmin(by_matmul, 0), by_rows, tf.argmin(by_rows, 0)],
                       {P: [[0., 0.], [3., 4.], [1., 1.], [0.1, 0.2]]})
    distances = [[0.0, 25.0, 2.0, 0.05000000447034836], [18.0, 1.0, 8.0, 16.25]]  # TF 2.21, both forms
    assert [value.tolist() for value in got] == [distances, [0, 1, 0, 0], distances, [0, 1, 0, 0]]


def test_the_refusal_names_both_forms():
    refusal = rank3_refusal("tf.expand_dims of shape [3,2] makes a rank-3 tensor")
    assert isinstance(refusal, UnsupportedOperationError) and str(refusal).endswith(RANK3_ADVICE)
    for form in ("tf.matmul(C, P, transpose_b=True)", "tf.reduce_sum(tf.square(P - C[k]), 1) for k in range(K)"):
        assert form in RANK3_ADVICE
