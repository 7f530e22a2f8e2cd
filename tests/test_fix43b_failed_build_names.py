"""After a build that fails, the next op's name is TF1's (probe63 P63-3): TF1 takes an op's name before it checks
its inputs, so a failed ``tf.matmul`` uses ``MatMul`` up; a call TF1 rejects before that scope (a missing argument,
a dtype that names none, a placeholder of a negative size) takes no name (review F43b-7).

Expected names: TF 2.21 ``tf.compat.v1`` in graph mode (``probe63/c11.py tf`` and ``c36.py tf``), the same builds.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

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
    # review F43b-7: refused by Python's argument binding or a dtype's parsing, before TF1's name scope: no name
    # taken (TF 2.21, review F43b names3.py and the same builds of zeros / ones / argmax)
    ("matmul missing argument", lambda a, b: tf.matmul(a), lambda a, b: tf.matmul(a, a, transpose_b=True),
     "MatMul:0"),
    ("matmul unknown keyword", lambda a, b: tf.matmul(a, a, foo=1), lambda a, b: tf.matmul(a, a, transpose_b=True),
     "MatMul:0"),
    ("reduce_sum unknown keyword", lambda a, b: tf.reduce_sum(a, axs=1), lambda a, b: tf.reduce_sum(a), "Sum:0"),
    ("cast to no dtype", lambda a, b: tf.cast(a, "notatype"), lambda a, b: tf.cast(a, tf.int32), "Cast:0"),
    ("argmax to no dtype", lambda a, b: tf.argmax(a, 1, output_type="notatype"), lambda a, b: tf.argmax(a, 1),
     "ArgMax:0"),
    ("zeros of no dtype", lambda a, b: tf.zeros([2], dtype="notatype"), lambda a, b: tf.zeros([2]), "zeros:0"),
    ("ones of no dtype", lambda a, b: tf.ones([2], dtype="notatype"), lambda a, b: tf.ones([2]), "ones:0"),
    ("variable without a value", lambda a, b: tf.Variable(name="q"), lambda a, b: tf.Variable(1.0, name="q"), "q:0"),
    ("unnamed variable without a value", lambda a, b: tf.Variable(), lambda a, b: tf.Variable(1.0), "Variable:0"),
    # review F43b-4: refused inside TF1's op (its shape inference): the name is used up (review names.py, names2.py)
    ("split", lambda a, b: tf.split(a, 4, 1), lambda a, b: tf.split(a, 3, 1)[0], "split_1:0"),
    ("assign_add", lambda a, b: tf.assign_add(tf.Variable([1.0, 2.0], name="u"), tf.zeros([3])),
     lambda a, b: tf.assign_add(tf.Variable([1.0, 2.0], name="u2"), tf.zeros([2])), "AssignAdd_1:0"),
    ("squared_difference", lambda a, b: tf.squared_difference(a, b), lambda a, b: tf.squared_difference(a, a),
     "SquaredDifference_1:0"),
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


@pytest.mark.parametrize("name, shape, expected", [("p", [2, 3, 4], "p_1:0"), (None, [None, 3, 4], "Placeholder_1:0")])
def test_a_placeholder_refused_for_its_rank_uses_its_name_up(name, shape, expected):
    """TF 2.21 builds a rank-3 placeholder (symopt refuses it): its name is taken, as on main (review F43b-13)."""
    with tf.Graph().as_default():
        with pytest.raises(UnsupportedOperationError):
            tf.placeholder(tf.float32, shape, name=name)
        assert tf.placeholder(tf.float32, [2], name=name).name == expected


@pytest.mark.parametrize("build, expected", [
    (lambda x: tf.cumsum(x), "Cumsum:0"), (lambda x: tf.squeeze(x), "Squeeze:0"), (lambda x: tf.tile(x, [2]), "Tile:0")])
def test_an_op_on_a_shapeless_placeholder_has_tf1s_name(build, expected):
    """TF 2.21's names (review F43b-9, dnames.py): also the name a failed build of it uses up."""
    with tf.Graph().as_default():
        assert build(tf.placeholder(tf.float32)).name == expected
