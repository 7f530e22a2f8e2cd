"""probe15 Y18 (compat14): ``tf.nn.softsign``'s gradient is TF1's ``SoftsignGrad``, :math:`1 / (1 + |x|)^2`, not
SymPy's quotient rule (which cancels far from 0 and is NaN at infinity).  Expected arrays: TF 2.21
``tf.compat.v1`` (graph mode), bit for bit."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

POINTS = [0.5, 100.0, 1e4, 1e6, np.inf, -np.inf, 0.0, -3.0, np.nan]


def test_softsign_gradient_is_softsigngrad_in_float32_and_float64():
    x32, x64 = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float64, [None])
    s_ = tf.placeholder(tf.float32, [])
    gradients = [tf.gradients(tf.reduce_sum(tf.nn.softsign(x)), x)[0] for x in (x32, x64)]
    scalar = tf.gradients(tf.nn.softsign(s_), s_)[0]
    with tf.Session() as sess:
        got32, got64 = sess.run(gradients[0], {x32: POINTS}), sess.run(gradients[1], {x64: POINTS})
        got_scalar = [sess.run(scalar, {s_: value}) for value in (-2.0, 1e6)]
        values = sess.run(tf.nn.softsign(x32), {x32: POINTS})
    # TF 2.21 (symopt was 0.44444448, 9.8029152e-05, 9.9971658e-09, 1.0231815e-12, nan at +-inf)
    expected32 = np.float32([4.4444445e-01, 9.8029603e-05, 9.9980006e-09, 9.9999794e-13, 0, 0, 1, 6.25e-02, np.nan])
    expected64 = [0.4444444444444444, 9.802960494069208e-05, 9.998000299960006e-09, 9.99998000003e-13, 0, 0, 1,
                  6.25e-02, np.nan]
    assert np.array_equal(got32, expected32, equal_nan=True)
    assert np.array_equal(got64, expected64, equal_nan=True)
    assert got_scalar == [np.float32(0.11111111), np.float32(9.999979e-13)]
    expected_values = np.float32([0.33333334, 0.990099, 0.9999, 0.999999, np.nan, np.nan, 0, -0.75, np.nan])
    assert np.array_equal(values, expected_values, equal_nan=True)  # TF 2.21: x / (|x| + 1), nan at +-inf
