"""A row broadcast onto the ``k*m`` rows of ``tf.reshape(..., [-1, n])`` (the batch-major layout docs/compat.md
recommends for per-step RNN outputs) repeats over those rows, not over the batch size ``m`` (probe38 P38-1 to
P38-4): the gradients of a column mean / max / sum subtracted from such rows, a bias added to their logits, a softmax
over their axis 0, ``tf.losses`` weights and ``in_top_k`` over them; and the sparse cross-entropy's label check only
in runs of the loss (P38-5).  Numbers from TF 2.21 (tensorflow.compat.v1), rounded to 5 decimals."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

X = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]], np.float32)
W0 = np.array([[1.0, 2.0, 0.5, -1.0], [-1.0, 0.5, 2.0, 1.0]], np.float32) / 2

#: TF's d/dW of sum(t) and of sum(t**2 * [[1, -2]]) for t = h - (a column reduction of h), h = [2m, 2] rows.
COLUMN_GRADIENTS = {
    "mean": (
        [[0.0, 0.0, 0.0, 0.0],
         [0.0, 0.0, 0.0, 0.0]],
        [[2.9375, -33.5, 2.3125, 26.5],
         [-4.79167, -9.0, 9.45833, -5.0]],
    ),
    "mean_keep": (
        [[0.0, 0.0, 0.0, 0.0],
         [0.0, 0.0, 0.0, 0.0]],
        [[2.9375, -33.5, 2.3125, 26.5],
         [-4.79167, -9.0, 9.45833, -5.0]],
    ),
    "moments": (
        [[0.0, 0.0, 0.0, 0.0],
         [0.0, 0.0, 0.0, 0.0]],
        [[2.9375, -33.5, 2.3125, 26.5],
         [-4.79167, -9.0, 9.45833, -5.0]],
    ),
    "max": (
        [[4.5, -13.5, -1.5, 4.5],
         [1.0, 1.0, -11.0, 1.0]],
        [[-11.5, -168.5, 7.125, 71.5],
         [-8.0, 1.0, 44.75, 5.0]],
    ),
    "div_sum": (
        [[0.0, 0.0, 0.0, 0.0],
         [0.0, 0.0, 0.0, 0.0]],
        [[-0.87946, 4.86111, -0.92108, 11.52778],
         [-0.55802, 0.90741, 0.39099, 1.35185]],
    ),
    "times_sum": (
        [[34.875, 27.0, 34.875, 27.0],
         [7.75, 6.0, 7.75, 6.0]],
        [[461.06445, -1158.75, 451.67969, -618.75],
         [20.70703, -271.5, 234.67969, -235.5]],
    ),
}

COLUMN_OPS = {
    "mean": lambda h: h - tf.reduce_mean(h, 0),
    "mean_keep": lambda h: h - tf.reduce_mean(h, 0, keepdims=True),
    "moments": lambda h: h - tf.nn.moments(h, [0])[0],
    "max": lambda h: h - tf.reduce_max(h, 0),
    "div_sum": lambda h: h / tf.reduce_sum(h, 0),
    "times_sum": lambda h: h * tf.reduce_sum(h, 0),
}

#: TF's losses of 4 steps and the final W (GD 0.1, Adam 0.05) on a loss centering [2m, 2] rows by their moments.
TRAINED = {
    "gd": (
        [4.94818, 1.49427, 0.80758, 0.54512],
        [[0.34628, 0.11335, 0.15682, 0.05789],
         [-0.29983, 0.01751, 0.60195, 0.15747]],
    ),
    "adam": (
        [4.94818, 4.26855, 3.64906, 3.09038],
        [[0.30138, 0.80097, 0.05725, -0.30137],
         [-0.30207, 0.05338, 0.8008, 0.30272]],
    ),
}

#: TF's loss and gradients of W and b for logits of [2m, 4] rows with a bias (the same for the three forms).
BIASED = (
    -0.34333,
    [[0.03111, 0.25778, -0.54667],
     [0.04778, 0.30444, -0.65667],
     [0.06444, 0.35111, -0.76667],
     [0.08111, 0.39778, -0.87667]],
    [0.10667, 0.25333, -0.68],
)

#: TF's d/dW of sum(t**2) on [3m, 4] logits of a sequence model.
SEQUENCE_GRADIENTS = {
    "minus_max": [[-2.80039, 45.43948, -29.30007, -13.33902, -1.02062, 10.71095, -8.91511, -0.77522, -13.53364,
                   -10.38076, 29.40137, -5.48696],
                  [-4.55166, 7.61352, -9.07353, 6.01168, -0.82811, 6.97444, -3.10081, -3.04552, 1.16591, -2.94742,
                   4.22487, -2.44336],
                  [-2.86009, 24.31229, -17.06597, -4.38623, -0.76527, 7.45865, -5.30606, -1.38732, -6.09586,
                   -5.95718, 15.49717, -3.44414],
                  [-7.36166, 55.10538, -39.57779, -8.16593, -1.87602, 18.02088, -12.37258, -3.77228, -13.07731,
                   -13.76247, 34.9743, -8.13452],
                  [-7.79506, 44.78301, -34.01275, -2.9752, -1.81632, 16.94475, -10.76839, -4.36004, -9.10337,
                   -11.7208, 28.1115, -7.28733]],
    "times_maskcol": [[2.30361, 7.3508, -24.19607, -0.69761, -2.98088, -1.46269, -11.27729, -4.63126, -2.5707,
                       -3.44489, 7.43015, 0.94346],
                      [-1.17916, 1.1882, -5.70103, 2.05647, -0.67618, -0.3318, -2.55814, -1.05055, -0.58314,
                       -0.78144, 1.68545, 0.21401],
                      [0.71047, 3.91854, -13.4954, 0.3517, -1.65386, -0.81153, -6.25691, -2.56953, -1.42629,
                       -1.91131, 4.12242, 0.52345],
                      [1.2733, 8.87227, -30.94283, 1.26513, -3.78664, -1.85807, -14.32565, -5.88313, -3.26559,
                       -4.37608, 9.43859, 1.19848],
                      [0.33995, 7.19102, -25.87774, 1.993, -3.15578, -1.54851, -11.93898, -4.903, -2.72154,
                       -3.64702, 7.86612, 0.99882]],
}

SOFTMAX_AXIS_0_GRADIENT = [[0.6105, -6.85657, 0.85583, 0.27747],
                           [-0.08637, -0.17284, 1.66972, 0.13681]]

WEIGHTED_LOSS_GRADIENT = [[-0.40815, 0.27973, -0.04659, 0.17501, 0.13531, -0.23295, 0.01288, 0.08475, 0.0205, 0.016,
                           -0.09201, 0.05551],
                          [-0.06297, 0.11335, 0.04535, -0.09573, 0.03069, -0.05284, 0.00292, 0.01923, 0.00465,
                           0.00363, -0.02087, 0.01259],
                          [-0.21657, 0.17184, -0.0072, 0.05193, 0.07507, -0.12924, 0.00715, 0.04702, 0.01137,
                           0.00888, -0.05105, 0.0308],
                          [-0.4897, 0.40381, -0.00487, 0.09077, 0.17188, -0.29591, 0.01637, 0.10767, 0.02604,
                           0.02033, -0.11688, 0.07051],
                          [-0.39557, 0.35768, 0.01964, 0.01825, 0.14325, -0.24661, 0.01364, 0.08973, 0.0217,
                           0.01694, -0.09741, 0.05876]]


def reshaped_rows():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(W0)
    return x, W, tf.reshape(tf.matmul(x, W), [-1, 2])  # [2m, 2]: two steps per example, batch-major


@pytest.mark.parametrize("name", sorted(COLUMN_OPS))
def test_gradient_through_a_column_reduction_of_reshaped_rows_is_tfs(name):
    x, W, h = reshaped_rows()
    t = COLUMN_OPS[name](h)
    weighted = tf.reduce_sum(tf.square(t) * tf.constant([[1.0, -2.0]]))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        plain, squared = session.run([tf.gradients(tf.reduce_sum(t), W)[0], tf.gradients(weighted, W)[0]], {x: X})
    np.testing.assert_allclose(plain, COLUMN_GRADIENTS[name][0], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(squared, COLUMN_GRADIENTS[name][1], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_training_on_rows_centered_over_batch_and_time_follows_tf(optimizer):
    x, W, h = reshaped_rows()
    mean, _ = tf.nn.moments(h, [0])
    loss = tf.reduce_sum(tf.square(h - mean) * tf.constant([[1.0, 3.0]])) / 10 + tf.reduce_mean(tf.square(W))
    chosen = tf.train.GradientDescentOptimizer(0.1) if optimizer == "gd" else tf.train.AdamOptimizer(0.05)
    train = chosen.minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        losses = [session.run([train, loss], {x: X})[1] for _ in range(4)]
        final = session.run(W)
    np.testing.assert_allclose(losses, TRAINED[optimizer][0], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(final, TRAINED[optimizer][1], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("form", ["plus", "bias_add", "xw_plus_b"])
def test_bias_on_logits_of_reshaped_outputs_trains_as_tf(form):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(np.linspace(-0.5, 0.6, 12).reshape(4, 3).astype(np.float32))
    b = tf.Variable(np.array([0.1, -0.2, 0.3], np.float32))
    outputs = tf.reshape(tf.concat([x, 2 * x], 1), [-1, 4])  # the per-step outputs, [2m, 4]
    if form == "plus":
        logits = tf.matmul(outputs, W) + b
    elif form == "bias_add":
        logits = tf.nn.bias_add(tf.matmul(outputs, W), b)
    else:
        logits = tf.nn.xw_plus_b(outputs, W, b)
    loss = tf.reduce_mean(tf.square(logits) * tf.constant([1.0, 2.0, -1.0]))
    feed = {x: np.arange(12, dtype=np.float32).reshape(3, 4) / 10}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, (grad_w, grad_b) = session.run([loss, tf.gradients(loss, [W, b])], feed)
    expected_loss, expected_w, expected_b = BIASED
    np.testing.assert_allclose(value, expected_loss, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(grad_w, expected_w, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(grad_b, expected_b, rtol=1e-4, atol=1e-4)


def test_weighted_softmax_over_axis_0_of_reshaped_rows():
    x, W, h = reshaped_rows()
    loss = tf.reduce_sum(tf.nn.softmax(h, axis=0) * tf.constant([[1.0, -2.0]]) * h)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, grad = session.run([loss, tf.gradients(loss, W)[0]], {x: X})
    np.testing.assert_allclose(value, -3.19308, rtol=1e-4)
    np.testing.assert_allclose(grad, SOFTMAX_AXIS_0_GRADIENT, rtol=1e-4, atol=1e-4)


def sequence_model():
    steps, classes, features = 3, 4, 5
    tf.reset_default_graph()
    xf = tf.placeholder(tf.float32, [None, features])
    y = tf.placeholder(tf.int32, [None, steps])
    lengths = tf.placeholder(tf.int32, [None])
    W = tf.Variable(np.random.RandomState(1).uniform(-1, 1, (features, steps * classes)).astype(np.float32))
    logits = tf.reshape(tf.matmul(xf, W), [-1, classes])  # [3m, 4]
    feed = {xf: np.random.RandomState(0).randn(2, features).astype(np.float32), y: [[0, 1, 2], [3, 0, 1]],
            lengths: [3, 1]}
    return W, logits, tf.reshape(y, [-1]), tf.sequence_mask(lengths, steps, dtype=tf.float32), feed


def test_weighted_losses_and_in_top_k_over_flattened_steps():
    W, logits, labels, mask, feed = sequence_model()
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits, weights=tf.reshape(mask, [-1]))
    accuracy = tf.reduce_mean(tf.cast(tf.nn.in_top_k(logits, labels, 2), tf.float32))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, grad, top2 = session.run([loss, tf.gradients(loss, W)[0], accuracy], feed)
    np.testing.assert_allclose(value, 0.91045, rtol=1e-4)
    np.testing.assert_allclose(grad, WEIGHTED_LOSS_GRADIENT, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(top2, 0.83333, rtol=1e-4)


@pytest.mark.parametrize("name", sorted(SEQUENCE_GRADIENTS))
def test_row_max_and_mask_column_on_flattened_steps(name):
    W, logits, _, mask, feed = sequence_model()
    if name == "minus_max":
        t = logits - tf.reduce_max(logits, 1, keepdims=True)  # the stable softmax's shift
    else:
        t = logits * tf.reshape(mask, [-1, 1])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        grad = session.run(tf.gradients(tf.reduce_sum(tf.square(t)), W)[0], feed)
    np.testing.assert_allclose(grad, SEQUENCE_GRADIENTS[name], rtol=1e-4, atol=1e-4)


def test_batch_rows_against_reshaped_rows_are_refused_when_built():
    x, _, h = reshaped_rows()
    for build in (lambda: x + h, lambda: tf.equal(x, h)):
        with pytest.raises(UnsupportedOperationError, match="different counts"):
            build()


def test_jax_session_trains_centered_rows_as_tf():
    pytest.importorskip("jax")
    x, W, h = reshaped_rows()
    mean, _ = tf.nn.moments(h, [0])
    loss = tf.reduce_sum(tf.square(h - mean) * tf.constant([[1.0, 3.0]])) / 10 + tf.reduce_mean(tf.square(W))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session(config=tf.ConfigProto(backend="jax")) as session:
        session.run(tf.global_variables_initializer())
        losses = [session.run([train, loss], {x: X})[1] for _ in range(4)]
        final = session.run(W)
    np.testing.assert_allclose(losses, TRAINED["gd"][0], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(final, TRAINED["gd"][1], rtol=1e-4, atol=1e-4)


def test_label_range_is_checked_only_in_runs_that_compute_the_sparse_loss():
    """P38-5: the padding mask and the one-hot of padded labels run as in TF1 (its values), the loss refuses."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.int32, [None])
    logits = tf.matmul(x, tf.Variable(np.full((3, 5), 0.1, np.float32)))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    feed = {x: np.ones((3, 3), np.float32), y: [2, -1, 7]}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(session.run(tf.cast(tf.not_equal(y, -1), tf.float32), feed), [1.0, 0.0, 1.0])
        np.testing.assert_array_equal(session.run(tf.one_hot(y, 5), feed), [[0, 0, 1, 0, 0], [0] * 5, [0] * 5])
        with pytest.raises(tf.errors.InvalidArgumentError, match="label value of -1"):
            session.run(loss, feed)


def test_gradients_through_ones_like_and_zeros_like_are_none():
    """P38-7: TF1 registers OnesLike and ZerosLike without a gradient: tf.gradients gives [None] through them."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(np.full((2, 3), 0.5, np.float32))
    logits = tf.matmul(x, W)
    assert tf.gradients(tf.reduce_sum(tf.ones_like(logits)), W) == [None]
    assert tf.gradients(tf.reduce_sum(tf.zeros_like(logits)), W) == [None]
    both = tf.gradients(tf.reduce_sum(logits * tf.ones_like(logits)), W)[0]  # the path through logits stays
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_allclose(session.run(both, {x: [[1.0, 2.0], [3.0, -1.0]]}), [[4.0] * 3, [1.0] * 3])


#: TF's d/dW of sum(per_seq**2), per_seq = tf.reduce_sum(tf.reshape(ce, [-1, T]), 1) of the [3m] losses.
PER_SEQUENCE_GRADIENT = [[-9.88566, 6.72659, -1.16481, 4.32388, 7.62493, -7.89245, -1.11625, 1.38377, -1.74309,
                          4.75645, -3.01272, -0.00064],
                         [-1.50202, 2.77333, 1.1337, -2.40501, -3.49146, 0.92185, 1.4586, 1.11101, 2.28873,
                          -4.16038, 0.26239, 1.60927],
                         [-5.23782, 4.14818, -0.17997, 1.2696, 2.48893, -3.47424, -0.04833, 1.03364, -0.07178,
                          0.89135, -1.35605, 0.53648],
                         [-11.83861, 9.75662, -0.12176, 2.20376, 4.6144, -7.39134, 0.24482, 2.53212, 0.39302,
                          0.95283, -2.90837, 1.56252],
                         [-9.55247, 8.65986, 0.49099, 0.40163, 1.63283, -5.01046, 0.92953, 2.4481, 1.46513,
                          -1.42644, -2.02299, 1.98431]]

#: TF's d/dW of sum(back**2 * linspace(-1, 1, 12)), back = tf.reshape(logits + c, [-1, 12]) of [3m, 4] logits.
REGROUPED_GRADIENT = [[-3.09038, -4.72685, 15.3975, -1.1134, 0.75592, 0.37376, -1.04118, -0.04527, -1.50155,
                       -3.84596, 6.50409, 3.5708],
                      [-0.17109, 1.23733, 3.62793, -3.38975, -0.33698, 0.18064, -0.21703, 0.83698, 1.02014,
                       -1.58152, 0.96595, 6.12029],
                      [-1.53785, -1.85218, 8.58798, -1.66419, 0.2498, 0.23935, -0.57128, 0.25749, -0.3792,
                       -2.37036, 3.4387, 3.75248],
                      [-3.41098, -3.76112, 19.69089, -4.46174, 0.46636, 0.56791, -1.30402, 0.76549, -0.58564,
                       -5.57436, 7.76736, 9.69429],
                      [-2.61811, -2.15567, 16.46765, -5.04801, 0.17317, 0.51392, -1.07865, 0.99704, 0.08865,
                       -4.9462, 6.2574, 10.32981]]


def test_flattened_steps_reshaped_back_to_one_example_per_row():
    """P38-6: the [3m] per-token losses reshaped to [-1, 3] (and [3m, 4] logits to [-1, 12]) are one example per
    row, as TF1 computes them; values and gradients."""
    W, logits, labels, _, feed = sequence_model()
    ce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    per_sequence = tf.reduce_sum(tf.reshape(ce, [-1, 3]), 1)
    back = tf.reshape(logits + tf.constant([0.5, -1.0, 0.0, 2.0]), [-1, 12])
    weighted = tf.reduce_sum(tf.square(back) * tf.constant(np.linspace(-1, 1, 12).astype(np.float32)))
    assert per_sequence.shape.as_list() == [None] and back.shape.as_list() == [None, 12]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values, grad, regrouped, total, grad_back = session.run(
            [per_sequence, tf.gradients(tf.reduce_sum(tf.square(per_sequence)), W)[0], back, weighted,
             tf.gradients(weighted, W)[0]], feed)
    np.testing.assert_allclose(values, [3.02133, 3.12506], rtol=1e-4)
    np.testing.assert_allclose(grad, PER_SEQUENCE_GRADIENT, rtol=1e-4, atol=1e-4)
    assert regrouped.shape == (2, 12)
    np.testing.assert_allclose(total, -20.85896, rtol=1e-4)
    np.testing.assert_allclose(grad_back, REGROUPED_GRADIENT, rtol=1e-4, atol=1e-4)


def test_entries_that_do_not_pair_up_name_the_list_of_steps():
    x = tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(UnsupportedOperationError, match="tf.add_n"):
        tf.reshape(tf.reshape(x, [-1]), [-1, 4])  # 2m entries in rows of 4: examples would pair up
