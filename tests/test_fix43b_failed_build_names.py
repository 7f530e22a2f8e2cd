"""After a build that fails, the next op's name is TF1's (probe63 P63-3): TF1 takes an op's name before it checks
its inputs, so a failed ``tf.matmul`` uses ``MatMul`` up; a placeholder refused for its shape takes no name.

Expected names: TF 2.21 ``tf.compat.v1`` in graph mode (``probe63/c11.py tf`` and ``c36.py tf``), the same builds.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

A = np.ones((2, 3), np.float32)
B = np.ones((4, 5), np.float32)

# (label, failing build, good build, TF 2.21's name of the good build)
CASES = [
    ("add", lambda a, b: a + b, lambda a, b: a + a, "add_1:0"),
    ("matmul", lambda a, b: tf.matmul(a, b), lambda a, b: tf.matmul(a, a, transpose_b=True), "MatMul_1:0"),
    ("concat", lambda a, b: tf.concat([a, b], 0), lambda a, b: tf.concat([a, a], 0), "concat_1:0"),
    ("reshape", lambda a, b: tf.reshape(a, [7]), lambda a, b: tf.reshape(a, [6]), "Reshape_1:0"),
    ("reduce_sum", lambda a, b: tf.reduce_sum(a, axis=5), lambda a, b: tf.reduce_sum(a), "Sum_1:0"),
    ("squeeze", lambda a, b: tf.squeeze(a, 0), lambda a, b: tf.squeeze(tf.ones([1, 2]), 0), "Squeeze_1:0"),
    ("named", lambda a, b: tf.matmul(a, b, name="mm"),
     lambda a, b: tf.matmul(a, a, transpose_b=True, name="mm"), "mm_1:0"),
    ("variable", lambda a, b: tf.Variable([[1.0, 2.0], [3.0]], name="v"), lambda a, b: tf.Variable([1.0], name="v"),
     "v_1:0"),
    ("variable dtype", lambda a, b: tf.Variable(1.0, dtype=tf.int32, name="d"), lambda a, b: tf.Variable(1, name="d"),
     "d_1:0"),
    ("placeholder", lambda a, b: tf.placeholder(tf.float32, [2, -3], name="p"),
     lambda a, b: tf.placeholder(tf.float32, [2], name="p"), "p:0"),
    ("constant", lambda a, b: tf.constant([1.0, 2.0, 3.0], shape=[2], name="c"),
     lambda a, b: tf.constant([1.0], name="c"), "c:0"),
    ("zeros", lambda a, b: tf.zeros([-1, 2], name="z"), lambda a, b: tf.zeros([1], name="z"), "z_1:0"),
    ("reduce_mean", lambda a, b: tf.reduce_mean(tf.ones([2]), axis=3, name="rm"),
     lambda a, b: tf.reduce_mean(tf.ones([2]), name="rm"), "rm_1:0"),
    ("one_hot", lambda a, b: tf.one_hot(tf.ones([2]), 3, name="oh"), lambda a, b: tf.one_hot([1, 2], 3, name="oh"),
     "oh_1:0"),
]


@pytest.mark.parametrize("label, bad, good, expected", CASES, ids=[case[0] for case in CASES])
def test_the_name_after_a_failed_build_is_tf1s(label, bad, good, expected):
    with tf.Graph().as_default():
        a, b = tf.constant(A, name="a"), tf.constant(B, name="b")
        with pytest.raises((ValueError, TypeError)):
            bad(a, b)
        assert good(a, b).name == expected


def test_a_failed_softmax_cross_entropy_uses_its_scope_name():
    with tf.Graph().as_default():
        with pytest.raises(ValueError):
            tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.ones([2, 3]), logits=tf.ones([2, 4]), name="sx")
        good = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.ones([2, 3]), logits=tf.ones([2, 3]), name="sx")
        assert good.name.startswith("sx_1")  # TF 2.21: sx_1/Reshape_2:0


def test_a_refused_negative_placeholder_dimension_says_tf1s_words():
    with tf.Graph().as_default(), pytest.raises(ValueError, match=r"Dimension -3 must be >= 0"):
        tf.placeholder(tf.float32, [2, -3], name="p")
