"""A reduction with nothing to reduce and the transpose of a vector still make their op, named as given (probe77
P77-1): Géron's ``mse = tf.reduce_mean(tf.square(err), name="mse")`` of a scalar ``err`` is ``loss/mse:0``.

Expected names and value: TensorFlow 2.21 ``tf.compat.v1`` (graph mode) on the same program.
"""

import pytest

import symopt.compat.v1 as tf

BUILDS = {
    "reduce_mean": lambda s, v, m: tf.reduce_mean(s, name="nm"),
    "reduce_sum": lambda s, v, m: tf.reduce_sum(s, name="nm"),
    "reduce_max": lambda s, v, m: tf.reduce_max(s, name="nm"),
    "reduce_mean keepdims": lambda s, v, m: tf.reduce_mean(s, keepdims=True, name="nm"),
    "reduce_sum axis=[]": lambda s, v, m: tf.reduce_sum(m, axis=[], name="nm"),
    "transpose of a vector": lambda s, v, m: tf.transpose(v, name="nm"),
}


@pytest.mark.parametrize("case", list(BUILDS))
def test_named_as_given(case):
    tf.reset_default_graph()
    s, v, m = tf.constant(3.0), tf.constant([1.0, 2.0]), tf.constant([[1.0, 2.0]])
    with tf.name_scope("k"):
        assert BUILDS[case](s, v, m).name == "k/nm:0"


def test_fetched_by_name():
    tf.reset_default_graph()
    err = tf.constant(2.0) - tf.constant(1.0)
    with tf.name_scope("loss"):
        mse = tf.reduce_mean(tf.square(err), name="mse")
    assert mse.op.name == "loss/mse"
    with tf.Session() as session:
        assert session.run("loss/mse:0") == 1.0
