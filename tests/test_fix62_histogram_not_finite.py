"""P62-8: ``tf.summary.histogram`` of a NaN or infinite value is TF1's ``InvalidArgumentError``, named by the first
value that is not finite.  Expected messages: TF 2.21 ``tf.compat.v1`` (probe62 p42_hist_nan.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("values, message", [
    ([1.0, NAN], "Nan in summary histogram for: weights"),
    ([1.0, -INF], "Infinity in Histogram for: weights"),
    ([INF, NAN], "Infinity in Histogram for: weights"),  # TF 2.21: the first value that is not finite decides
])
def test_histogram_of_values_not_finite_is_refused(values, message):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    summary = tf.summary.histogram("weights", x)
    with tf.Session() as session:
        assert isinstance(session.run(summary, {x: [1.0, 2.0]}), bytes)
        with pytest.raises(tf.errors.InvalidArgumentError, match=message):
            session.run(summary, {x: np.float32(values)})
