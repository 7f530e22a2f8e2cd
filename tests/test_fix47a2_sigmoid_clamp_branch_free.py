"""final47a2 47a2-4: the float32 sigmoid's clamp to 1 from 16.635532 (TF1's Eigen clamp, final46e 46e-11) is
``numpy.maximum(y, x >= c)``, not a ``numpy.where`` (which cost 1-4 ms per million entries, more on a mixed mask).
Values: TF 2.21 (tf.compat.v1, graph mode) and hand NumPy."""

import linecache

import numpy as np

import symopt.compat.v1 as tf


def _generated_sources() -> str:
    return "".join("".join(entry[2]) for key, entry in linecache.cache.items() if "symopt-generated" in str(key))


def test_float32_sigmoid_clamp_is_branch_free_with_tf_values():
    tf.reset_default_graph()
    p = tf.placeholder(tf.float32, [None])
    y = tf.sigmoid(p * 1.0)  # a graph of its own, so its program is freshly generated
    x = np.array([np.nan, np.inf, -np.inf, 16.635532, 16.63553, 20.0, 0.0, 1.0], np.float32)
    linecache.clearcache()
    with tf.Session() as session:
        out = session.run(y, {p: x})
    assert out.dtype == np.float32
    # TF 2.21: nan, 1, 0, 1 (clamped), 0.99999994, 1, 0.5; x = 1: TF's 0.73105854, here the correctly rounded value
    hand = np.asarray(1 / (1 + np.exp(-x.astype(np.float64))), np.float32)
    np.testing.assert_array_equal(out, [np.nan, 1.0, 0.0, 1.0, np.float32(0.99999994), 1.0, 0.5, hand[-1]])
    code = _generated_sources()
    assert "maximum" in code and "where" not in code, code
