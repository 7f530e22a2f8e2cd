"""tf.contrib.layers' regularizers, get_variable(regularizer=) / variable_scope(regularizer=), tf.layers.dense's
kernel_regularizer, the REGULARIZATION_LOSSES collection and tf.losses.get_total_loss in a training loop.

Expected numbers come from TF 2.21's tf.compat.v1 (graph mode) running the same program; TF 2.21 has no tf.contrib,
so its program defines l2_regularizer / l1_regularizer exactly as TF 1.15's contrib/layers/regularizers.py does
(scale * tf.nn.l2_loss(w); scale * tf.reduce_sum(tf.abs(w))).  Tolerances: values 3e-7 relative, gradients 6e-7
(a few ulp of float32: sums in another order), 15 training steps 5e-6 (that rounding carried along)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
import symopt.errors

ULP2 = 3e-7
l1_regularizer, l2_regularizer = tf.contrib.layers.l1_regularizer, tf.contrib.layers.l2_regularizer


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _network(optimizer):
    X = tf.placeholder(tf.float32, [None, 3])
    Y = tf.placeholder(tf.float32, [None, 2])
    rng = np.random.RandomState(0)
    with tf.variable_scope("hidden", regularizer=l2_regularizer(0.05)):
        W1 = tf.get_variable("W", initializer=np.float32(rng.randn(3, 4)))
        b1 = tf.get_variable("b", initializer=np.zeros(4, np.float32), regularizer=lambda w: None)
    with tf.variable_scope("out"):
        W2 = tf.get_variable("W", initializer=np.float32(rng.randn(4, 2)),
                             regularizer=tf.contrib.layers.l1_l2_regularizer(0.01, 0.02))
        b2 = tf.get_variable("b", initializer=np.zeros(2, np.float32))
    logits = tf.matmul(tf.nn.relu(tf.matmul(X, W1) + b1), W2) + b2
    tf.losses.softmax_cross_entropy(Y, logits, label_smoothing=0.1)
    loss = tf.losses.get_total_loss()
    regularization = tf.losses.get_regularization_loss()
    # TF 2.21 tf.compat.v1: two penalties (the scope's on hidden/W, out/W's own; b's regularizer gave None), one loss
    assert len(tf.losses.get_regularization_losses()) == 2 and len(tf.losses.get_losses()) == 1
    train = optimizer.minimize(loss)
    feed = {X: np.float32(rng.randn(6, 3)), Y: np.float32(np.eye(2)[rng.randint(0, 2, 6)])}
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    # TF 2.21 tf.compat.v1
    assert sess.run(loss, feed) == pytest.approx(2.327361, rel=ULP2)
    assert sess.run(regularization) == pytest.approx(0.50868, rel=ULP2)
    grad_w1, grad_w2 = sess.run(tf.gradients(loss, [W1, W2]), feed)
    np.testing.assert_allclose(grad_w1, [[0.10922168, 0.02880489, 0.11649302, 0.16317697],
                                         [0.22643961, -0.03689188, 0.3533081, 0.18801612],
                                         [0.11326629, 0.048899546, 0.71365035, 0.5672236]], rtol=6e-7)
    np.testing.assert_allclose(grad_w2, [[0.4527641, -0.41510978], [0.050357133, -0.014806367],
                                         [0.3096612, -0.28388274], [0.70522374, -0.71604425]], rtol=6e-7)
    for _ in range(15):
        sess.run(train, feed)
    return sess, loss, feed, (W1, W2, b2)


# TF 2.21 tf.compat.v1 after 15 steps: loss, W1, W2, b2
TRAINED = {
    "gradient descent": (lambda: tf.train.GradientDescentOptimizer(0.3), 0.8007501,
                         [[1.3974558, 0.3172563, 0.885923, 1.7403972], [1.4327315, -0.87667984, 0.5836187, -0.1875324],
                          [-0.13649656, 0.19944294, -0.5157191, 1.0096029]],
                         [[0.37313825, 0.3470653], [0.5475298, 0.07657687], [1.3549864, -0.17732081],
                          [-0.39458036, -0.024495244]], [0.067820214, -0.06782023]),
    "adam": (lambda: tf.train.AdamOptimizer(0.05), 0.8102806,
             [[1.0463065, -0.3055783, 0.3801658, 1.5522189], [1.2068504, -0.6053885, 0.503169, -0.66876304],
              [-0.4450479, -0.16826604, -0.4457161, 0.8359258]],
             [[0.4037169, 0.4226902], [0.730807, -0.22904325], [1.0312033, 0.15630095], [-0.2241084, -0.29996362]],
             [-0.16232044, 0.16232044]),
}


@pytest.mark.parametrize("optimizer", sorted(TRAINED))
def test_regularized_network_trains_as_tf1(optimizer):
    make, loss_after, W1_after, W2_after, b2_after = TRAINED[optimizer]
    sess, loss, feed, (W1, W2, b2) = _network(make())
    assert sess.run(loss, feed) == pytest.approx(loss_after, rel=5e-6)
    np.testing.assert_allclose(sess.run(W1), W1_after, rtol=5e-6)
    np.testing.assert_allclose(sess.run(W2), W2_after, rtol=5e-6)
    np.testing.assert_allclose(sess.run(b2), b2_after, rtol=5e-6)


def test_regularizer_values_in_float64():
    W = tf.Variable(np.float64([[0.5, -2.0], [1.5, 0.25]]))
    l2, l1 = l2_regularizer(0.1)(W), l1_regularizer(0.3)(W)
    both = tf.contrib.layers.l1_l2_regularizer(0.5, 1.5)(W)
    assert l2.dtype == l1.dtype == tf.float64  # TF1: the scale takes the weights' dtype
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: 0.328125, 1.275, 7.046875 and d/dW [[1.25, -3.5], [2.75, 0.875]]
        assert sess.run([l2, l1, both]) == [0.328125, 1.275, 7.046875]
        np.testing.assert_array_equal(sess.run(tf.gradients(both, W)[0]), [[1.25, -3.5], [2.75, 0.875]])


def test_collection_names_reuse_and_dense():
    with tf.variable_scope("layer1"):
        W = tf.get_variable("W", [2, 2], regularizer=l2_regularizer(0.1))
    (penalty,) = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert penalty.name == "layer1/W/Regularizer/l2_regularizer:0"  # TF 1.15's name
    with tf.variable_scope("layer1", reuse=True):
        assert tf.get_variable("W", [2, 2], regularizer=l2_regularizer(0.1)) is W
    assert len(tf.losses.get_regularization_losses()) == 1  # TF1: a reused variable adds no second penalty
    X = tf.placeholder(tf.float32, [None, 2])
    tf.layers.dense(X, 3, kernel_regularizer=l1_regularizer(0.5), bias_regularizer=l2_regularizer(0.0))
    kernel_penalty = tf.losses.get_regularization_losses()[-1]
    assert len(tf.losses.get_regularization_losses()) == 2  # a scale of 0 adds nothing (TF1)
    assert kernel_penalty.name == "dense/kernel/Regularizer/l1_regularizer:0"
    (kernel,) = [v for v in tf.global_variables() if v.name == "dense/kernel:0"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(kernel_penalty) == pytest.approx(0.5 * np.abs(sess.run(kernel)).sum(), rel=ULP2)
        assert sess.run(tf.losses.get_regularization_losses("dense")) == [sess.run(kernel_penalty)]


def test_fully_connected_regularizers_and_scope_filters():
    X = tf.placeholder(tf.float32, [None, 2])
    with tf.variable_scope("block"):
        tf.contrib.layers.fully_connected(X, 3, weights_regularizer=l2_regularizer(0.1),
                                          biases_regularizer=l1_regularizer(0.2))
    tf.contrib.layers.fully_connected(X, 1, weights_regularizer=l2_regularizer(0.3))
    names = [p.name.split("/Regularizer/")[0] for p in tf.losses.get_regularization_losses()]
    # TF1 numbers unnamed layers within their variable scope (TF 2.21: variable_scope(None, default_name=...))
    assert names == ["block/fully_connected/weights", "block/fully_connected/biases", "fully_connected/weights"]
    variables = {v.name[:-2]: v for v in tf.global_variables()}
    block_total = tf.losses.get_regularization_loss(scope="block")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        weights, outer = sess.run([variables["block/fully_connected/weights"], variables["fully_connected/weights"]])
        assert sess.run(block_total) == pytest.approx(0.1 * 0.5 * (weights ** 2).sum(), rel=ULP2)  # biases are 0
        assert sess.run(tf.losses.get_regularization_loss()) == pytest.approx(
            0.1 * 0.5 * (weights ** 2).sum() + 0.3 * 0.5 * (outer ** 2).sum(), rel=ULP2)


def test_apply_regularization_and_sum_regularizer():
    a = tf.Variable(np.float32([1.0, -2.0]))
    b = tf.Variable(np.float32([[0.5, 0.5]]))
    total = tf.contrib.layers.apply_regularization(l1_regularizer(0.25), [a, b])
    summed = tf.contrib.layers.sum_regularizer([l1_regularizer(1.0), None, l2_regularizer(2.0)])(a)
    assert tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) == [total]
    assert tf.contrib.layers.sum_regularizer([None]) is None
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(total) == 1.0  # 0.25 (3) + 0.25 (1)
        assert sess.run(summed) == 8.0  # 3 + 2 * 2.5


def test_bad_scales_and_regularizers_are_refused():
    with pytest.raises(ValueError, match="scale cannot be an integer: 1"):  # TF1's checks
        l2_regularizer(1)
    with pytest.raises(ValueError, match="scale less than 0 on a regularizer: -0.1"):
        l1_regularizer(-0.1)
    with pytest.raises(TypeError, match="kernel_regularizer must be a function"):
        tf.layers.dense(tf.placeholder(tf.float32, [None, 2]), 3, kernel_regularizer="l2")
    with pytest.raises(symopt.errors.UnsupportedOperationError, match="without weights_list"):
        tf.contrib.layers.apply_regularization(l2_regularizer(0.1))
    assert tf.global_variables() == [] and tf.losses.get_regularization_losses() == []
