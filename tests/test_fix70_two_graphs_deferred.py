"""P70-7: an op reading tensors of two graphs is TF1's ``ValueError`` when it is built, also when one input reads a
placeholder without a shape (built when fed; the mix surfaced at the first run as an ``InvalidArgumentError``
naming an internal ``mul/rebuilt_1:0`` and blaming the feed).

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running probe70's ``p54_mixgraph_ph.py``: ``tf.add(y1, y2)`` raises
``ValueError: Tensor("add:0", ...) must be from the same graph as Tensor("mul:0", dtype=float32) ...``.
"""

import pytest

import symopt.compat.v1 as tf


def two_graphs():
    first, second = tf.Graph(), tf.Graph()
    with first.as_default():
        x = tf.placeholder(tf.float32, name="x")
        y1 = tf.Variable(2.0, name="a") * x
    with second.as_default():
        y2 = tf.Variable(5.0, name="b") + 1.0
    return first, x, y1, y2


@pytest.mark.parametrize("combine", [tf.add, lambda a, b: a * b, lambda a, b: tf.maximum(a, b)])
def test_mixing_graphs_with_a_shapeless_placeholder_is_refused_when_built(combine):
    first, x, y1, y2 = two_graphs()
    with first.as_default(), pytest.raises(ValueError, match=r'must be from the same graph as Tensor\("mul:0"'):
        combine(y1, y2)


def test_one_graph_with_a_shapeless_placeholder_still_runs():
    first, x, y1, _ = two_graphs()
    with first.as_default():
        z = tf.add(y1, tf.constant(1.0))
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            assert session.run(z, {x: 3.0}) == 7.0
