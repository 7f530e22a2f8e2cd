"""tf.losses (TF 1.15's): every loss with weights and each tf.losses.Reduction, its gradient, the LOSSES collection,
get_total_loss, float64 inputs and shape-less placeholders, against TF 2.21's tf.compat.v1 (graph mode) running the
same program.  Tolerances: values within 3e-7 relative and gradients within 6e-7 (2-5 ulp of float32: TF1's Eigen
kernels and symopt's generated NumPy sum in different orders); gradients that are exact in TF1 compare exactly
where they are small integers or halves."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

ULP2 = 3e-7


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _all_losses():
    R = tf.losses.Reduction
    P = tf.Variable(np.float32([[0.2, 0.9], [0.6, 0.1], [0.3, 0.8]]), name="P")
    Yr = tf.constant(np.float32([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]))
    w_rows = tf.constant(np.float32([[1.0], [0.0], [2.0]]))
    w_full = tf.constant(np.float32([[1.0, 0.5], [0.0, 0.0], [2.0, 3.0]]))
    Z = tf.Variable(np.float32([[2.0, -1.0, 0.5], [0.1, 0.2, 3.0], [-1.0, 1.5, 0.0], [0.3, 0.3, 0.3]]), name="Z")
    onehot = tf.constant(np.float32([[1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]))
    sparse = tf.constant(np.int32([0, 2, 1, 0]))
    w_ex = tf.constant(np.float32([1.0, 2.0, 0.0, 0.5]))
    losses = {
        "mse": tf.losses.mean_squared_error(Yr, P),
        "mse_w2": tf.losses.mean_squared_error(Yr, P, weights=2.0),
        "mse_rows": tf.losses.mean_squared_error(Yr, P, weights=w_rows),
        "mse_full_sum": tf.losses.mean_squared_error(Yr, P, weights=w_full, reduction=R.SUM),
        "mse_rows_mean": tf.losses.mean_squared_error(Yr, P, weights=w_rows, reduction=R.MEAN),
        "mse_rows_batch": tf.losses.mean_squared_error(Yr, P, weights=w_rows, reduction=R.SUM_OVER_BATCH_SIZE),
        "mse_none": tf.losses.mean_squared_error(Yr, P, weights=w_rows, reduction=R.NONE),
        "mse_zero": tf.losses.mean_squared_error(Yr, P, weights=0.0),
        "abs": tf.losses.absolute_difference(Yr, P, weights=w_rows),
        "log": tf.losses.log_loss(Yr, P),
        "log_w": tf.losses.log_loss(Yr, P, weights=w_full, epsilon=1e-3),
        "hinge": tf.losses.hinge_loss(tf.constant(np.float32([[0, 1], [1, 0], [1, 1]])), P * 3.0 - 1.0),
        "huber": tf.losses.huber_loss(Yr, P * 4.0, weights=w_rows, delta=0.5),
        "softmax": tf.losses.softmax_cross_entropy(onehot, Z),
        "softmax_ls": tf.losses.softmax_cross_entropy(onehot, Z, weights=w_ex, label_smoothing=0.1),
        "sparse": tf.losses.sparse_softmax_cross_entropy(sparse, Z, weights=w_ex),
        "sparse_col": tf.losses.sparse_softmax_cross_entropy(tf.reshape(sparse, [4, 1]), Z),
        "sigmoid": tf.losses.sigmoid_cross_entropy(onehot, Z),
        "sigmoid_ls": tf.losses.sigmoid_cross_entropy(onehot, Z, weights=tf.reshape(w_ex, [4, 1]),
                                                      label_smoothing=0.2),
    }
    return losses, {"P": P, "Z": Z}


# TF 2.21 tf.compat.v1: loss -> (value, the variable it is differentiated by, the gradient)
EXPECTED = {
    'abs': (0.325, 'P', [[0.25, -0.25], [-0.0, 0.0], [-0.5, 0.5]]),
    'hinge': (0.36666664, 'P', [[0.5, -0.0], [-0.5, 0.5], [-0.5, -0.0]]),
    'huber': (1.0875, 'P', [[0.5, 0.5], [0.0, 0.0], [1.0, 1.0]]),
    'log': (0.44021726, 'P', [[0.2083333, -0.18518518], [-0.27777773, 0.18518518], [-0.15873009, 0.3124998]]),
    'log_w': (1.1423571, 'P', [[0.31210983, -0.13873474], [0.0, 0.0], [-0.47393143, 1.3975065]]),
    'mse': (0.058333334, 'P', [[0.06666667, -0.033333343], [-0.13333333, 0.033333335], [-0.06666666, 0.10000001]]),
    'mse_full_sum': (0.395, 'P', [[0.4, -0.100000024], [-0.0, 0.0], [-0.79999995, 1.8000001]]),
    'mse_none': ([[0.040000003, 0.010000004], [0.0, 0.0], [0.07999999, 0.18]], 'P', [[0.4, -0.20000005], [-0.0, 0.0], [-0.79999995, 1.2]]),
    'mse_rows': (0.0775, 'P', [[0.1, -0.050000012], [-0.0, 0.0], [-0.19999999, 0.3]]),
    'mse_rows_batch': (0.051666666, 'P', [[0.06666667, -0.033333343], [-0.0, 0.0], [-0.13333333, 0.20000002]]),
    'mse_rows_mean': (0.051666666, 'P', [[0.06666667, -0.033333343], [-0.0, 0.0], [-0.13333333, 0.20000002]]),
    'mse_w2': (0.11666667, 'P', [[0.13333334, -0.066666685], [-0.26666665, 0.06666667], [-0.13333333, 0.20000002]]),
    'mse_zero': (0.0, 'P', [[0.0, -0.0], [-0.0, 0.0], [-0.0, 0.0]]),
    'sigmoid': (0.53968984, 'Z', [[-0.009933576, 0.022411786, 0.051871613], [0.043748267, 0.045819502, -0.003952153], [0.022411786, -0.015202127, 0.041666668], [-0.035463125, 0.04787021, 0.04787021]]),
    'sigmoid_ls': (0.72256064, 'Z', [[-0.00213366, 0.018771268, 0.058051035], [0.09443982, 0.09996311, 0.011683136], [0.0, 0.0, 0.0], [-0.018086527, 0.026357919, 0.026357919]]),
    'softmax': (0.42897326, 'Z', [[-0.053600743, 0.009778144, 0.043822598], [0.012327831, 0.013624362, -0.02595219], [0.015722504, -0.058460698, 0.0427382], [-0.16666666, 0.083333336, 0.083333336]]),
    'softmax_ls': (0.5132735, 'Z', [[-0.04924544, 0.0019264135, 0.04731902], [0.010651994, 0.0141094085, -0.0247614], [0.0, -0.0, 0.0], [-0.10000001, 0.050000004, 0.050000004]]),
    'sparse': (0.33660683, 'Z', [[-0.07146766, 0.013037525, 0.05843013], [0.03287422, 0.03633163, -0.06920584], [0.0, -0.0, 0.0], [-0.111111104, 0.05555556, 0.05555556]]),
    'sparse_col': (0.42897326, 'Z', [[-0.053600743, 0.009778144, 0.043822598], [0.012327831, 0.013624362, -0.02595219], [0.015722504, -0.058460698, 0.0427382], [-0.16666666, 0.083333336, 0.083333336]]),
}


def test_every_loss_value_and_gradient():
    losses, variables = _all_losses()
    gradients = {name: tf.gradients(loss, variables[EXPECTED[name][1]])[0] for name, loss in losses.items()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, grads = sess.run([losses, gradients])
    for name, (value, _, gradient) in EXPECTED.items():
        np.testing.assert_allclose(values[name], value, rtol=ULP2, atol=1e-9, err_msg=name)
        np.testing.assert_allclose(grads[name], gradient, rtol=6e-7, atol=1e-8, err_msg=name)


def test_losses_collection_names_and_reduction_keys():
    losses, _ = _all_losses()
    collected = tf.losses.get_losses()
    assert collected == list(losses.values())  # TF1: every loss, NONE's too, in creation order
    # TF 2.21 tf.compat.v1: the names and shapes
    assert [t.name for t in collected[:4]] == ["mean_squared_error/value:0", "mean_squared_error_1/value:0",
                                               "mean_squared_error_2/value:0", "mean_squared_error_3/Sum:0"]
    assert str(losses["mse_none"]) == 'Tensor("mean_squared_error_6/Mul:0", shape=(3, 2), dtype=float32)'
    assert str(losses["softmax_ls"]) == 'Tensor("softmax_cross_entropy_loss_1/value:0", shape=(), dtype=float32)'
    assert tf.losses.get_losses(scope="mean_squared_error_1") == [losses["mse_w2"]]
    R = tf.losses.Reduction
    assert R.all() == ("none", "weighted_sum", "weighted_mean", "weighted_sum_over_batch_size",
                       "weighted_sum_by_nonzero_weights", "weighted_sum_by_nonzero_weights")
    # TF 2.21 tf.compat.v1: add_n refuses the unreduced loss among the scalars
    with pytest.raises(ValueError, match=r"Shapes must be equal rank.*\[\] and \[3,2\]"):
        tf.losses.get_total_loss()


def test_loss_collection_none_and_get_total_loss():
    P = tf.Variable(np.float32([1.0, 2.0]))
    a = tf.losses.absolute_difference([0.0, 0.0], P)
    tf.losses.mean_squared_error([0.0, 0.0], P, loss_collection=None)
    assert tf.losses.get_losses() == [a]
    total = tf.losses.get_total_loss()
    assert total.name == "total_loss:0"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(total) == 1.5
        assert sess.run(tf.losses.get_regularization_loss()) == 0.0  # TF1: the constant 0.0 when there is none
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="at least one Tensor"):  # TF1: add_n of no losses
        tf.losses.get_total_loss()


def test_float64_losses_are_computed_in_float32_and_cast_back():
    P64 = tf.Variable(np.float64([[0.1, 0.7], [0.4, 0.9]]))
    loss = tf.losses.sigmoid_cross_entropy(tf.constant(np.float64([[0.0, 1.0], [1.0, 1.0]])), P64 * 3)
    assert loss.dtype == tf.float64
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: 0.32455018162727356 (a float32 number), gradient in float64
        assert sess.run(loss) == 0.32455018162727356
        np.testing.assert_allclose(sess.run(tf.gradients(loss, P64)[0]), [[0.430831888, -0.081822616],
                                                                            [-0.173606412, -0.047230017]], rtol=1e-7)


def test_losses_of_shapeless_placeholders():
    P, L = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    mse = tf.losses.mean_squared_error(L, P)
    huber = tf.losses.huber_loss(L, P, weights=tf.constant([[1.0], [0.5]]))
    assert str(mse) == 'Tensor("mean_squared_error/value:0", shape=(), dtype=float32)'  # TF 2.21 tf.compat.v1
    assert len(tf.losses.get_losses()) == 2
    feed = {P: np.float32([[1, 2], [3, 5]]), L: np.float32([[0, 2], [1, 1]])}
    assert tf.Session().run([mse, huber], feed) == [5.25, 0.75]  # TF 2.21 tf.compat.v1
    assert len(tf.losses.get_losses()) == 2  # running rebuilt the losses without adding them again


def test_bad_arguments_are_refused_before_anything_is_added():
    P = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    with pytest.raises(ValueError, match="Invalid Reduction Key mean"):
        tf.losses.mean_squared_error(P, P, reduction="mean")
    with pytest.raises(ValueError, match=r"Shapes \[2,2\] and \[2\] are incompatible"):
        tf.losses.mean_squared_error(tf.constant([1.0, 2.0]), P)
    with pytest.raises(ValueError, match=r"weights can not be broadcast to values. values.rank=2. weights.rank=1"):
        tf.losses.mean_squared_error(P, P, weights=tf.constant([1.0, 2.0]))
    with pytest.raises(ValueError, match="`labels` must not be None"):
        tf.losses.log_loss(None, P)
    # TF 2.21 tf.compat.v1: the same TypeError (a float label would match no class: a silent 0 loss)
    with pytest.raises(TypeError, match="'labels' has DataType float32 not in list of allowed values: int32, int64"):
        tf.losses.sparse_softmax_cross_entropy(tf.constant(np.float32([1.7, 0.0])), P)
    assert tf.losses.get_losses() == []


def test_cosine_distance():
    P = tf.Variable(np.float32([[0.6, 0.8], [1.0, 0.0], [0.28, -0.96]]))
    L = tf.nn.l2_normalize(tf.constant(np.float32([[1.0, 1.0], [0.0, 1.0], [0.3, -1.0]])), axis=1)
    along_rows = tf.losses.cosine_distance(L, P, axis=1)
    along_columns = tf.losses.cosine_distance(L, P, dim=0, weights=tf.constant([[2.0, 0.0]]))
    unreduced = tf.losses.cosine_distance(L, P, axis=1, weights=tf.constant([[1.0], [0.0], [3.0]]),
                                          reduction=tf.losses.Reduction.NONE)
    assert str(unreduced) == 'Tensor("cosine_distance_loss_2/Mul_1:0", shape=(3, 1), dtype=float32)'  # TF 2.21
    (gradient,) = tf.gradients(along_rows + along_columns, P)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        assert sess.run([along_rows, along_columns]) == pytest.approx([0.33669332, 0.9905571], rel=ULP2)
        np.testing.assert_allclose(sess.run(unreduced), [[1.0050476e-02], [0.0], [8.8334084e-05]], rtol=ULP2)
        np.testing.assert_allclose(sess.run(gradient), [[-1.6499158, -0.23570226], [-0.0, -0.33333334],
                                                        [-0.6704784, 0.31927544]], rtol=6e-7)
    with pytest.raises(ValueError, match="You must specify argument `axis`"):
        tf.losses.cosine_distance(L, P)


def test_mean_pairwise_squared_error():
    P = tf.Variable(np.float32([[0.5, 1.0, -2.0], [3.0, 0.25, 1.5], [1.0, 1.0, 1.0]]))
    L = tf.constant(np.float32([[1.0, 0.0, -1.0], [2.0, 2.0, 2.0], [0.0, 0.5, 1.0]]))
    cases = {"plain": tf.losses.mean_pairwise_squared_error(L, P),
             "rows": tf.losses.mean_pairwise_squared_error(L, P, weights=tf.constant([[1.0], [0.0], [2.0]])),
             "full": tf.losses.mean_pairwise_squared_error(L, P, weights=tf.constant([[1.0, 0.0, 1.0], [1.0, 1.0, 1.0],
                                                                                      [0.0, 0.0, 3.0]])),
             "scalar": tf.losses.mean_pairwise_squared_error(L, P, weights=0.5),
             "zero": tf.losses.mean_pairwise_squared_error(L, P, weights=0.0)}
    # TF 2.21 tf.compat.v1: the name, five collected losses, then (value, gradient) of each
    assert str(cases["plain"]) == 'Tensor("mean_pairwise_squared_error/value_2:0", shape=(), dtype=float32)'
    assert len(tf.losses.get_losses()) == 5
    expected = {
        'plain': (6.4583335, [[-0.6666666, 2.3333333, -1.6666666], [2.8333335, -2.6666665, -0.16666663], [1.0, 0.0, -1.0]]),
        'rows': (3.1666667, [[-0.6666666, 2.3333333, -1.6666666], [0.0, -0.0, -0.0], [2.0, 0.0, -2.0]]),
        'full': (19.875, [[-2.0, 10.0, -6.0], [8.5, -8.0, -0.5], [0.0, 0.0, 0.0]]),
        'scalar': (3.2291667, [[-0.3333333, 1.1666666, -0.8333333], [1.4166667, -1.3333333, -0.08333331], [0.5, 0.0, -0.5]]),
        'zero': (0.0, [[-0.0, 0.0, -0.0], [0.0, -0.0, -0.0], [0.0, 0.0, 0.0]]),
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, loss in cases.items():
            value, gradient = expected[name]
            assert sess.run(loss) == pytest.approx(value, rel=ULP2, abs=1e-9)
            np.testing.assert_allclose(sess.run(tf.gradients(loss, P)[0]), gradient, rtol=6e-7, atol=1e-7)


def test_log_poisson_loss():
    c = tf.Variable(np.float32([[0.5, -1.0, 2.0], [0.0, 1.5, -0.25]]))
    t = tf.constant(np.float32([[0.0, 1.0, 3.0], [0.5, 7.0, 2.0]]))
    plain, full = tf.nn.log_poisson_loss(t, c), tf.nn.log_poisson_loss(t, c, compute_full_loss=True)
    assert str(plain) == 'Tensor("log_poisson_loss/sub:0", shape=(2, 3), dtype=float32)'  # TF 2.21 tf.compat.v1
    # TF 2.21 tf.compat.v1: value, gradient of the sum.  Tolerance 5e-7: NumPy's float32 exp(2) is 7.3890557, one ulp
    # below Eigen's 7.389056, and e^c - c t = 7.39 - 6 magnifies it to 3.6e-7 relative
    expected = {
        'plain': ([[1.6487212, 1.3678794, 1.3890562], [1.0, -6.018311, 1.2788007]], [[1.6487212, -0.63212055, 4.389056], [0.5, -2.518311, -1.2211993]]),
        'full': ([[1.6487212, 1.3678794, 3.1531377], [1.0, 2.4949527, 1.9306073]], [[1.6487212, -0.63212055, 4.389056], [0.5, -2.518311, -1.2211993]]),
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, loss in (("plain", plain), ("full", full)):
            value, gradient = expected[name]
            np.testing.assert_allclose(sess.run(loss), value, rtol=5e-7)
            np.testing.assert_allclose(sess.run(tf.gradients(tf.reduce_sum(loss), c)[0]), gradient, rtol=5e-7)
