"""F44b-9: an op of a stale shape-less placeholder is made in the placeholder's graph, as TF1 places it, so mixing
its result with the new default graph is refused where it is mixed (fix70 put ``x * 2.0`` in the new default graph:
``y + w`` built, and the run blamed the feed).  Oracle: TF 2.21 ``tf.compat.v1``, review final44b s/mg.py:
``x * 2.0`` is ``mul_1:0`` outside the default graph; ``y + w`` and the concat raise "must be from the same graph"."""

import pytest

import symopt.compat.v1 as tf


def test_an_op_of_a_stale_placeholder_stays_in_its_graph():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32)
    v = tf.Variable(2.0, name="v")
    v * 3.0
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    y = x * 2.0
    assert y.name == "mul_1:0" and y.graph is x.graph and y.graph is not tf.get_default_graph()
    with pytest.raises(ValueError, match="must be from the same graph as"):
        y + w
    with pytest.raises(ValueError, match="must be from the same graph as"):
        tf.concat([tf.reshape(y, [-1]), tf.reshape(w, [1])], 0)
