"""final41a F41a-5: ``tf.squeeze(x, axis=[])`` (or ``squeeze_dims=[]``, ``axis=()``) is TF1's "every dimension of
size 1", as ``axis=None``.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), printed as
``value.shape, value.tolist()``."""

import symopt.compat.v1 as tf


def test_an_empty_axis_list_squeezes_every_size_one_dimension():
    tf.reset_default_graph()
    row = tf.constant([[1., 2.]])
    column = tf.constant([[1.], [2.]])
    batch = tf.placeholder(tf.float32, [None, 1])
    with tf.Session() as session:
        for squeezed in (tf.squeeze(row, axis=[]), tf.squeeze(column, squeeze_dims=[]), tf.squeeze(column, axis=())):
            value = session.run(squeezed)
            assert (value.shape, value.tolist()) == ((2,), [1.0, 2.0])  # TF 2.21: (2,) [1.0, 2.0]
        one_row = session.run(tf.squeeze(batch, axis=[]), {batch: [[3.]]})
        assert (one_row.shape, one_row.tolist()) == ((), 3.0)  # TF 2.21: () 3.0
