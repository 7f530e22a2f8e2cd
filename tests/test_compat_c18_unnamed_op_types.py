"""``op.type`` of unnamed ops is TF1's op type, not a fragment of their name (probe22 H5): ``tf.div`` of floats is
``RealDiv`` (``div``), ``tf.one_hot`` ``OneHot`` (``one``), ``tf.range`` ``Range`` (``Const``).

TF 2.21's ``tf.compat.v1`` in graph mode printed these types (/tmp/c18_h5.py of compat18's session); TensorFlow is not
needed here.  (``tf.random_uniform`` is left out: TF1 names its tensor ``random_uniform/RandomUniform:0``.)
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_unnamed_ops_have_tf1s_types():
    x = tf.placeholder(tf.float32, [None, 2])
    c, i = tf.constant([[1.0, 2.0]]), tf.constant([3, 4])
    tensors = [tf.div(x, 2.0), tf.div(i, 2), tf.zeros([2]), tf.zeros([100, 100]), tf.ones([2, 3]), tf.ones([40, 30]),
               tf.ones_like(x), tf.ones_like(c), tf.zeros_like(x), tf.zeros_like(c), tf.one_hot(i, 5), tf.range(3),
               tf.range(1.0, 2.0, 0.5), tf.random_normal([2]), tf.truncated_normal([2]), tf.reduce_logsumexp(x),
               tf.linspace(0.0, 1.0, 3)]
    assert [t.op.type for t in tensors] == [
        "RealDiv", "FloorDiv", "Const", "Fill", "Const", "Fill", "Fill", "Fill", "ZerosLike", "Const", "OneHot", "Range",
        "Range", "AddV2", "AddV2", "AddV2", "Slice"]
    assert [t.name for t in tensors[:3]] == ["div:0", "div_1:0", "zeros:0"]
    assert tf.constant(1.0).op.type == "Const" and tf.constant(1.0, name="c").op.type == "Const"
    y = tf.placeholder(tf.float32, [None, 2])
    more = [tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x), tf.nn.l2_normalize(x, 1),
            tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x), tf.nn.dropout(x, 0.5)]
    assert [t.op.type for t in more] == ["AddV2", "Mul", "Reshape", "SelectV2"]  # TF 2.21 (probe22's f10.py)
