"""tf.reduce_logsumexp, tf.nn.moments, tf.nn.l2_normalize, tf.math.reduce_std / reduce_variance, tf.count_nonzero,
tf.nn.weighted_cross_entropy_with_logits, tf.nn.in_top_k and tf.nn.batch_normalization: values and gradients against
TF 2.21's tf.compat.v1 (graph mode) running the same program.  Tolerances: values 3e-7 relative (2 ulp of float32), gradients 6e-7 plus
3e-8 absolute (a gradient TF1 rounds to 7.45e-09 where the exact one is 0); counts and booleans exactly."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
import symopt.errors


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _statistics():
    X = tf.Variable(np.float32([[1.0, 2.0, -1.0], [0.5, 3.0, 2.5]]), name="X")
    targets = tf.constant(np.float32([[1, 0, 1], [0, 1, 0.5]]))
    return X, {
        "lse_all": tf.reduce_logsumexp(X),
        "lse_1": tf.reduce_logsumexp(X, axis=1),
        "lse_0k": tf.reduce_logsumexp(X, axis=0, keepdims=True),
        "mean0": tf.nn.moments(X, axes=[0])[0], "var0": tf.nn.moments(X, axes=[0])[1],
        "mean1k": tf.nn.moments(X, axes=[1], keep_dims=True)[0],
        "var1k": tf.nn.moments(X, axes=[1], keep_dims=True)[1],
        "varall": tf.nn.moments(X, axes=[0, 1])[1],
        "l2n1": tf.nn.l2_normalize(X, axis=1),
        "l2nall": tf.nn.l2_normalize(X),
        "l2n0": tf.nn.l2_normalize(X, dim=0, epsilon=20.0),
        "std": tf.math.reduce_std(X), "std1": tf.math.reduce_std(X, axis=1),
        "variance0k": tf.math.reduce_variance(X, axis=0, keepdims=True),
        "wce": tf.nn.weighted_cross_entropy_with_logits(targets=targets, logits=X, pos_weight=3.0),
    }


def _weighting(tensor):
    """A fixed weight per entry, so each gradient depends on every entry's position."""
    shape = tensor.shape.as_list()
    return tf.constant(np.float32(np.arange(1, int(np.prod(shape)) + 1).reshape(shape) * 0.5 - 1.25))


# TF 2.21 tf.compat.v1: value, d/dX sum(value * _weighting(value))
EXPECTED = {
    'l2n0': ([[0.2236068, 0.4472136, -0.2236068], [0.1118034, 0.67082036, 0.559017]], [[-0.16770509, -0.0559017, 0.0559017], [0.16770509, 0.2795085, 0.39131188]]),
    'l2n1': ([[0.40824828, 0.81649655, -0.40824828], [0.12700012, 0.76200074, 0.6350006]], [[-0.20412414, 0.102062054, 7.450581e-09], [0.12085496, -0.10037106, 0.09627432]]),
    'l2nall': ([[0.21566555, 0.4313311, -0.21566555], [0.107832775, 0.6469966, 0.5391639]], [[-0.23196584, -0.19434977, 0.12413307], [0.12664081, 0.058931887, 0.20187299]]),
    'lse_0k': ([[1.474077, 3.3132617, 2.5297503]], [[-0.4668445, -0.06723536, 0.0073280577], [-0.2831555, -0.18276465, 0.24267194]]),
    'lse_1': ([2.3490121, 3.523909], [[-0.19462237, -0.5290384, -0.026339272], [-0.012152705, -0.14805026, -0.08979703]]),
    'lse_all': (3.7930586, [[-0.045925226, -0.12483772, -0.0062153037], [-0.02785506, -0.33934408, -0.20582259]]),
    'mean0': ([0.75, 2.5, 0.75], [[-0.375, -0.125, 0.125], [-0.375, -0.125, 0.125]]),
    'mean1k': ([[0.6666667], [2.0]], [[-0.25, -0.25, -0.25], [-0.083333336, -0.083333336, -0.083333336]]),
    'std': (1.3437097, [[0.031008681, -0.062017363, 0.21706077], [0.0775217, -0.1550434, -0.10853039]]),
    'std1': ([1.2472192, 1.0801234], [[-0.06681531, -0.2672612, 0.33407655], [0.115727514, -0.07715168, -0.03857584]]),
    'var0': ([0.0625, 0.25, 3.0625], [[-0.1875, 0.125, -0.4375], [0.1875, -0.125, 0.4375]]),
    'var1k': ([[1.5555557], [1.1666666]], [[-0.16666666, -0.6666666, 0.8333334], [0.25, -0.16666667, -0.083333336]]),
    'varall': (1.8055557, [[0.08333334, -0.16666666, 0.5833334], [0.20833334, -0.41666666, -0.29166666]]),
    'variance0k': ([[0.0625, 0.25, 3.0625]], [[-0.1875, 0.125, -0.4375], [0.1875, -0.125, 0.4375]]),
    'wce': ([[0.93978506, 2.126928, 3.9397852], [0.974077, 0.14576206, 1.4077795]], [[0.6051182, -0.22019927, -0.54829395], [0.4668445, -0.17784703, 0.60949636]]),
}


def test_values_and_gradients():
    X, results = _statistics()
    gradients = {name: tf.gradients(tf.reduce_sum(value * _weighting(value)), X)[0] for name, value in results.items()}
    # TF 2.21 tf.compat.v1: the names and shapes
    assert str(results["lse_1"]) == 'Tensor("ReduceLogSumExp_1:0", shape=(2,), dtype=float32)'
    assert str(results["l2n1"]) == 'Tensor("l2_normalize:0", shape=(2, 3), dtype=float32)'
    assert results["lse_1"].shape.as_list() == [2] and results["lse_0k"].shape.as_list() == [1, 3]
    assert results["mean1k"].shape.as_list() == [2, 1] and results["var0"].shape.as_list() == [3]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, grads = sess.run([results, gradients])
    for name, (value, gradient) in EXPECTED.items():
        np.testing.assert_allclose(values[name], value, rtol=3e-7, err_msg=name)
        np.testing.assert_allclose(grads[name], gradient, rtol=6e-7, atol=3e-8, err_msg=name)


def test_training_through_moments_logsumexp_and_l2_normalize():
    X = tf.Variable(np.float32([[1.0, 2.0, -1.0], [0.5, 3.0, 2.5]]))
    _, variance = tf.nn.moments(X, axes=[0])
    loss = tf.reduce_sum(variance) + tf.reduce_logsumexp(X) + tf.reduce_sum(tf.nn.l2_normalize(X, 1)[:, 0])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(10):
            sess.run(train)
        # TF 2.21 tf.compat.v1 after 10 steps (symopt: the same digits)
        np.testing.assert_allclose(sess.run(X), [[0.402947, 2.1405344, 0.06767261],
                                                 [0.29168648, 2.334367, 1.2179894]], rtol=1e-6)
        assert sess.run(loss) == pytest.approx(3.9007123, rel=3e-7)


def test_batch_normalization_from_moments_trains_as_tf1():
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.float32([[0.5, -1.0, 0.2, 0.1], [1.5, 0.3, -0.7, 0.4], [-0.2, 0.8, 0.6, -1.1]]))
    gamma, beta = tf.Variable(tf.ones([4])), tf.Variable(tf.zeros([4]))
    z = tf.matmul(X, W)
    batch_mean, batch_var = tf.nn.moments(z, [0])
    normalized = tf.nn.batch_normalization(z, batch_mean, batch_var, beta, gamma, 1e-3)
    plain = tf.nn.batch_normalization(z, batch_mean, batch_var, None, None, 1e-3)
    loss = tf.reduce_mean(tf.square(tf.nn.relu(normalized) - 0.5))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    feed = {X: np.float32([[1, 2, 3], [-1, 0.5, 2], [0, 1, -1], [2, -2, 0.5], [0.3, 0.3, 0.3]])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        first = [[1.370219, 0.89126366, 0.16764566, -1.083072], [-0.42959487, 1.3132635, 0.21320143, -0.8712587],
                 [0.66209555, -0.5154025, -1.563477, 1.6705005], [-1.5802956, -1.4719354, 1.5343213, -0.20051664],
                 [-0.02242386, -0.21718928, -0.35169125, 0.48434633]]
        np.testing.assert_allclose(sess.run(normalized, feed), first, rtol=6e-7, atol=5e-8)
        np.testing.assert_allclose(sess.run(plain, feed), first, rtol=6e-7, atol=5e-8)
        for _ in range(10):
            sess.run(train, feed)
        # TF 2.21 tf.compat.v1 after 10 Adam steps
        assert sess.run(loss, feed) == pytest.approx(0.14963444, rel=2e-6)
        np.testing.assert_allclose(sess.run(gamma), [0.6939152, 0.66039, 0.56047237, 0.5424185], rtol=2e-6)
        np.testing.assert_allclose(sess.run(beta), [-0.24357745, -0.30110243, -0.14937161, -0.08617608], rtol=2e-6)
        np.testing.assert_allclose(sess.run(W), [[0.09247296, -0.6822388, -0.31322968, 0.92076826],
                                                 [2.060607, 0.72105646, -0.23771586, -0.40574518],
                                                 [-0.67154264, 0.6513241, 1.1030918, -1.5225497]], rtol=2e-6)


def test_logsumexp_of_large_and_infinite_rows():
    big = tf.constant(np.float32([[1000.0, 1001.0], [-np.inf, -np.inf]]))
    with np.errstate(divide="ignore"):
        # TF 2.21 tf.compat.v1: [1001.31323, -inf] (no overflow; a row of -inf stays -inf)
        np.testing.assert_array_equal(tf.Session().run(tf.reduce_logsumexp(big, axis=1)),
                                      np.float32([1001.31323, -np.inf]))


def test_count_nonzero_and_in_top_k():
    values = tf.constant(np.float32([[0, 1, 2], [0, 0, 3]]))
    scores = tf.constant(np.float32([[0.1, 0.8, 0.1], [0.5, 0.2, 0.3], [0.4, 0.4, 0.2]]))
    counts = {"all": tf.count_nonzero(values),
              "rows": tf.count_nonzero(values, axis=1, keepdims=True, dtype=tf.int32),
              "bool": tf.count_nonzero(tf.constant([[True, False], [True, True]]), axis=0)}
    assert counts["all"].dtype == tf.int64 and counts["rows"].dtype == tf.int32  # TF 2.21 tf.compat.v1
    top1, top2 = tf.nn.in_top_k(scores, tf.constant([1, 2, 1]), 1), tf.nn.in_top_k(scores, [1, 2, 1], 2)
    out_of_range = tf.nn.in_top_k(scores, tf.constant([3, 0, -1]), 3)
    infinite = tf.nn.in_top_k(tf.constant(np.float32([[np.inf, 1.0], [0.5, 0.2]])), tf.constant([1, 0]), 2)
    assert str(top1) == 'Tensor("in_top_k/InTopKV2:0", shape=(3,), dtype=bool)'  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        result = sess.run(counts)
        # TF 2.21 tf.compat.v1: 3, [[2], [1]], [2, 1]
        assert result["all"] == 3 and result["rows"].tolist() == [[2], [1]] and result["bool"].tolist() == [2, 1]
        # TF 2.21 tf.compat.v1: a tie at the k-th place counts as in
        assert sess.run(top1).tolist() == [True, False, True]
        assert sess.run(top2).tolist() == [True, True, True]
        # TF 2.21 tf.compat.v1: false for a target outside [0, classes) and for a row with a score that is not finite
        with np.errstate(invalid="ignore"):
            assert sess.run(out_of_range).tolist() == [False, True, False]
            assert sess.run(infinite).tolist() == [False, True]


def test_statistics_of_shapeless_placeholders():
    x = tf.placeholder(tf.float32)
    mean, variance = tf.nn.moments(x, axes=[0])
    lse = tf.reduce_logsumexp(x, axis=1)
    normalized = tf.nn.l2_normalize(x, axis=0)
    result = tf.Session().run([mean, variance, lse, normalized], {x: np.float32([[3.0, 0.0], [4.0, 2.0]])})
    # TF 2.21 tf.compat.v1: the same four results
    np.testing.assert_array_equal(result[0], [3.5, 1.0])
    np.testing.assert_array_equal(result[1], [0.25, 1.0])
    np.testing.assert_allclose(result[2], [3.0485873, 4.126928], rtol=3e-7)  # log(e^3 + 1), log(e^4 + e^2)
    np.testing.assert_allclose(result[3], [[0.6, 0.0], [0.8, 1.0]], rtol=3e-7)


def test_bad_arguments_are_refused():
    X = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    with pytest.raises(symopt.errors.UnsupportedOperationError, match="axes given as a tensor"):
        tf.nn.moments(X, axes=tf.constant([0]))
    with pytest.raises(symopt.errors.UnsupportedOperationError, match="k as a Python int"):
        tf.nn.in_top_k(X, tf.constant([0, 1]), tf.constant(1))
    with pytest.raises(ValueError, match="must have the same shape"):
        tf.nn.weighted_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0]), logits=X, pos_weight=2.0)
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.reduce_logsumexp(tf.constant([1, 2]))
    with pytest.raises(ValueError, match=r"integer targets of shape \[batch\]"):
        tf.nn.in_top_k(X, tf.constant([0.0, 1.0]), 1)


def test_moments_over_every_axis():
    X = tf.constant(np.float32([[1.0, 2.0, -1.0], [0.5, 3.0, 2.5]]))
    mean, variance = tf.nn.moments(X, axes=None)
    kept_mean, kept_variance = tf.nn.moments(X, axes=None, keep_dims=True)
    # TF 2.21 tf.compat.v1: the same names, shapes and values
    assert str(mean) == 'Tensor("moments/Squeeze:0", shape=(), dtype=float32)'
    assert str(kept_variance) == 'Tensor("moments_1/variance:0", shape=(1, 1), dtype=float32)'
    values = tf.Session().run([mean, variance, kept_mean, kept_variance])
    assert values[:2] == [np.float32(1.3333334), np.float32(1.8055557)]
    assert values[2].tolist() == [[np.float32(1.3333334)]] and values[3].tolist() == [[np.float32(1.8055557)]]


def test_weighted_moments():
    X = tf.Variable(np.float32([[1.0, 2.0, -1.0], [0.5, 3.0, 2.5], [2.0, -1.0, 0.0]]))
    w = tf.constant(np.float32([[1.0], [2.0], [0.5]]))
    cases = {"m0": tf.nn.weighted_moments(X, [0], w),
             "m1k": tf.nn.weighted_moments(X, [1], tf.constant(np.float32([[1.0, 0.0, 3.0]])), keep_dims=True),
             "mall": tf.nn.weighted_moments(X, [0, 1], 2.0), "zero": tf.nn.weighted_moments(X, [0], tf.zeros([3, 1]))}
    assert str(cases["m0"][0]) == 'Tensor("weighted_moments/Squeeze:0", shape=(3,), dtype=float32)'  # TF 2.21
    # TF 2.21 tf.compat.v1: mean, variance, d/dX (1.5 sum(mean) + sum(variance))
    expected = {
        'm0': ([0.85714287, 2.142857, 1.1428572], [0.2653061, 1.8367347, 2.5510201], [[0.5102041, 0.3469388, -0.79591835], [0.4489796, 1.8367348, 2.4081633], [0.5408163, -0.6836735, -0.11224492]]),
        'm1k': ([[-0.5], [2.0], [0.5]], [[0.75], [0.75], [0.75]], [[1.125, 0.0, 0.375], [-0.375, 0.0, 1.875], [1.125, 0.0, 0.375]]),
        'mall': (1.0, 1.9444444, [[0.16666667, 0.3888889, -0.2777778], [0.05555556, 0.6111111, 0.5], [0.3888889, -0.2777778, -0.055555552]]),
        'zero': ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, (mean, variance) in cases.items():
            gradient = tf.gradients(tf.reduce_sum(mean * 1.5) + tf.reduce_sum(variance), X)[0]
            for got, want in zip(sess.run([mean, variance, gradient]), expected[name]):
                np.testing.assert_allclose(got, want, rtol=3e-7, atol=1e-7, err_msg=name)
    x = tf.placeholder(tf.float32)
    mean, variance = tf.nn.weighted_moments(x, [0], tf.constant([[1.0], [3.0]]))
    values = tf.Session().run([mean, variance], {x: np.float32([[1.0, 2.0], [3.0, 6.0]])})
    assert [v.tolist() for v in values] == [[2.5, 5.0], [0.75, 3.0]]  # TF 2.21 tf.compat.v1


def test_weighted_cross_entropy_of_float64_labels_with_a_number_weight():
    """``pos_weight=2.0`` beside float64 labels and logits runs as TF 2.21 (final36 F36-8: a DTypeMismatchError,
    the number made a float32 constant before meeting the labels)."""
    tf.reset_default_graph()
    z = tf.constant([[0.5, -1.0]], tf.float64)
    y = tf.constant([[1.0, 0.0]], tf.float64)
    loss = tf.nn.weighted_cross_entropy_with_logits(labels=y, logits=z, pos_weight=2.0)
    with tf.Session() as sess:
        value = sess.run(loss)
    assert value.dtype == np.float64 and np.allclose(value, [[0.94815397, 0.31326169]], rtol=1e-8)  # TF 2.21
