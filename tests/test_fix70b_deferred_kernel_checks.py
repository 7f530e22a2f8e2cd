"""F44b-2: what TF1 refuses when it builds the op is refused when built for placeholders without a shape too:
``tf.maximum`` / ``tf.minimum`` and reductions of bools, ``tf.nn.l2_loss`` of ints (fix70 failed at run), a
``tf.boolean_mask`` of a mask of unknown rank (an internal AttributeError at run).  Oracle: TF 2.21
``tf.compat.v1`` graph mode, review final44b s/defer.py and s/bm.py (the messages quoted below)."""

import pytest

import symopt.compat.v1 as tf

TF_MAXIMUM = ("Value passed to parameter 'x' has DataType bool not in list of allowed values: bfloat16, float16, "
              "float32, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64")
TF_REDUCTION = "Value passed to parameter 'input' has DataType bool not in list of allowed values"
TF_L2_LOSS = "Value passed to parameter 't' has DataType int32 not in list of allowed values"
TF_MASK = "Number of mask dimensions must be specified, even if some dimensions are None."


@pytest.mark.parametrize("build, error, message", [
    (lambda xb, xi, xf: tf.maximum(xb, xb), TypeError, TF_MAXIMUM),
    (lambda xb, xi, xf: tf.minimum(tf.constant([True]), tf.constant([False])), TypeError, TF_MAXIMUM),
    (lambda xb, xi, xf: tf.reduce_sum(xb), TypeError, TF_REDUCTION),
    (lambda xb, xi, xf: tf.reduce_mean(xb), TypeError, TF_REDUCTION),
    (lambda xb, xi, xf: tf.nn.l2_loss(xi), TypeError, TF_L2_LOSS),
    (lambda xb, xi, xf: tf.boolean_mask(xf, xb), ValueError, TF_MASK),
    (lambda xb, xi, xf: tf.boolean_mask(tf.constant([1., 2.]), xb), ValueError, TF_MASK)])
def test_refused_when_built(build, error, message):
    tf.reset_default_graph()
    xb, xi, xf = tf.placeholder(tf.bool), tf.placeholder(tf.int32), tf.placeholder("float")
    with pytest.raises(error) as raised:
        build(xb, xi, xf)
    assert str(raised.value).startswith(message)


def test_numbers_still_build_and_run():
    tf.reset_default_graph()
    xi, xf = tf.placeholder(tf.int32), tf.placeholder("float")
    values = tf.Session().run([tf.maximum(xi, 2), tf.reduce_sum(xi), tf.nn.l2_loss(xf)], {xi: [1, 3], xf: [1., 2.]})
    assert [v.tolist() for v in values] == [[2, 3], 4, 2.5]  # TF 2.21: [2, 3], 4, 2.5
