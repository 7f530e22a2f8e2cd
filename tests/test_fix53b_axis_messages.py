"""final41a F41a-9: an axis given twice to ``tf.reduce_logsumexp`` or ``tf.count_nonzero`` names the op inside the
call's name scope, as TF1 names it (``ReduceLogSumExp/Max``, ``count_nonzero/Sum``), not symopt's inner ``'Max'`` /
``'Sum'``; the axis checks of reductions, ``tf.reverse`` and ``tf.squeeze`` (now one scan,
``symopt.compat.v1.axis_lists``) keep each op's TF1 wording.

Expected wording: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (its node names ``ReduceLogSumExp/Max``,
``count_nonzero/Sum``; ``'axis'[0] = 2 is out of valid range``; ``squeeze_dims[0] not in [-2,2)``)."""

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError


def test_a_repeated_axis_names_the_scoped_inner_reduction():
    tf.reset_default_graph()
    m = tf.constant([[1., 2.], [3., 4.]])
    with pytest.raises(InvalidArgumentError, match="in 'ReduceLogSumExp/Max'"):
        tf.reduce_logsumexp(m, axis=[1, -1])
    with pytest.raises(InvalidArgumentError, match="in 'count_nonzero/Sum'"):
        tf.count_nonzero(m, axis=[1, -1])
    with pytest.raises(ValueError, match=r"'axis'\[0\] = 2 is out of valid range \[0, 1\]"):
        tf.reverse(m, axis=[2])
    with pytest.raises(ValueError, match="axis 1 specified more than once"):
        tf.reverse(m, axis=[1, -1])
    with pytest.raises(ValueError, match=r"squeeze_dims\[0\] not in \[-2,2\)"):
        tf.squeeze(tf.constant([[1., 2.]]), axis=[2])
