"""``tf.nn.moments`` names its variance as TF1 does, ``moments/Squeeze_1:0`` (probe77 P77-4: it was
``moments/variance:0``), with its value unchanged.

Expected: TensorFlow 2.21 ``tf.compat.v1`` (graph mode) on the same program: names ``bn/moments/Squeeze:0``,
``bn/moments/Squeeze_1:0``; with ``keep_dims=True`` ``moments/mean:0``, ``moments/variance:0``; the variance over both
axes of ``arange(12).reshape(4, 3)**1.5`` is ``140.10707``.
"""

import numpy as np

import symopt.compat.v1 as tf


def test_moments_names_and_value():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("bn"):
        mean, variance = tf.nn.moments(x, [0], name="moments")
    assert (mean.name, variance.name) == ("bn/moments/Squeeze:0", "bn/moments/Squeeze_1:0")
    kept_mean, kept_variance = tf.nn.moments(x, [0], keep_dims=True)
    assert (kept_mean.name, kept_variance.name) == ("moments/mean:0", "moments/variance:0")
    _, both = tf.nn.moments(x, [0, 1])
    with tf.Session() as session:
        value = session.run(both, {x: np.arange(12, dtype=np.float32).reshape(4, 3) ** 1.5})
    assert value == np.float32(140.10707)


def test_unkept_variance_is_still_fetchable_as_variance():
    """TF 2.21 (review final45b t_mom.py) also has the kept variance ``moments/variance:0`` beside its squeeze:
    ``[[10.971684, 17.450834]]`` of ``arange(6).reshape(3, 2)**1.5`` (symopt's column 0 is an ulp above, as before
    fix45b), ``both/variance:0`` ``[[15.402293]]``."""
    tf.reset_default_graph()
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2) ** 1.5)
    tf.nn.moments(x, [0])
    tf.nn.moments(x, [0, 1], name="both")
    graph = tf.get_default_graph()
    with tf.Session() as session:
        per_column = session.run(graph.get_tensor_by_name("moments/variance:0"))
        both = session.run(graph.get_tensor_by_name("both/variance:0"))
    np.testing.assert_allclose(per_column, [[10.971684, 17.450834]], rtol=2e-7)
    np.testing.assert_allclose(both, [[15.402293]], rtol=2e-7)
