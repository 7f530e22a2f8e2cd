"""``tf.where(c, x, y)`` with a ``[None]`` condition placeholder against branches of known length ``[3]``: TF1 gives
the static shape ``[3]`` and checks the fed length when the graph runs (its ``Select`` does not broadcast);
symopt raised a ShapeError when the op was made.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_fed_condition_chooses_between_branches_of_known_length():
    c = tf.placeholder(tf.bool, [None])
    x = tf.placeholder(tf.float32, [None])
    a, b = tf.constant([1.0, 2.0, 3.0]), tf.constant([4.0, 5.0, 6.0])
    v = tf.Variable([1.0, 2.0, 3.0])
    chosen = tf.where(c, a, b)
    assert chosen.shape.as_list() == [3]  # TF 2.21 tf.compat.v1: (3,)
    grad = tf.gradients(tf.reduce_sum(tf.where(c, v * v, -v)), v)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: [1. 5. 3.], [4. 8. 9.], [7. 5. 9.], gradient [ 2. -1.  6.]
        assert sess.run(chosen, {c: [True, False, True]}).tolist() == [1.0, 5.0, 3.0]
        assert sess.run(tf.where(c, x, b), {x: [7.0, 8.0, 9.0], c: [False, True, True]}).tolist() == [4.0, 8.0, 9.0]
        assert sess.run(tf.where(tf.constant([True, False, True]), x, b), {x: [7.0, 8.0, 9.0]}).tolist() == \
            [7.0, 5.0, 9.0]
        assert sess.run(grad, {c: [True, False, True]}).tolist() == [2.0, -1.0, 6.0]
        for fed in ([True, False], [False]):  # TF 2.21: InvalidArgumentError (Select does not broadcast)
            with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
                sess.run(chosen, {c: fed})


def test_a_fed_condition_chooses_rows_of_a_matrix_of_known_size():
    c = tf.placeholder(tf.bool, [None])
    X = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as sess:
        # TF 2.21 tf.compat.v1: [[1. 1. 1.] [0. 0. 0.]] both
        expected = [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
        assert sess.run(tf.where(c, tf.ones([2, 3]), tf.zeros([2, 3])), {c: [True, False]}).tolist() == expected
        assert sess.run(tf.where(c, X, tf.zeros_like(X)), {c: [True, False], X: np.ones((2, 3))}).tolist() == expected


def test_an_op_never_run_that_resizes_a_placeholder_does_not_stop_its_gradient():
    # saliency / FGSM: tf.gradients(loss, input) with an unrelated op built on the input (g-probe G6)
    pm, pb = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None])
    w = tf.Variable(np.float32([0.5, -1.0, 2.0]))
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(pm * w, axis=1) - pb))
    pm - pb  # built, never run; [None] against 3: pb read resized there
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        grad = sess.run(tf.gradients(loss, pb), {pm: [[1, 2, 3], [4, 5, 6]], pb: [1.0, 2.0]})
        assert grad[0].tolist() == [-3.5, -7.0]  # TF 2.21 tf.compat.v1
    with pytest.raises(UnsupportedOperationError, match="reads at the known shape"):
        tf.gradients(tf.reduce_sum(pb * w), pb)  # where the loss itself reads it resized: still typed
