"""tf.add_n, tf.global_norm and tf.clip_by_global_norm against TF1 (the L2 idiom and the gradient-clipping loop).

Every expected number comes from TF 2.21's tf.compat.v1 (graph mode) running the same program.  Tolerances:
forward values within 3e-7 relative (2 ulp of float32: TF1's Eigen kernels and symopt's generated NumPy add the
terms of a sum in different orders); training trajectories within 2e-6 (the same rounding, carried through 10-20
steps)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
import symopt.errors

ULP2 = 3e-7


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _regression(optimizer):
    W1 = tf.Variable(np.float32([[0.3, -0.7], [1.1, 0.25]]), name="W1")
    b1 = tf.Variable(np.float32([0.05, -0.2]), name="b1")
    W2 = tf.Variable(np.float32([[0.9], [-1.3]]), name="W2")
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    h = tf.nn.tanh(tf.matmul(X, W1) + b1)
    mse = tf.reduce_mean(tf.square(tf.matmul(h, W2) - Y))
    l2 = tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()])
    loss = mse + 0.01 * l2
    train = optimizer.minimize(loss)
    feed = {X: np.float32([[1, 2], [-0.5, 0.3], [2, -1]]), Y: np.float32([[0.5], [-1], [2]])}
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    # TF 2.21 tf.compat.v1: l2 2.1974998 (exactly: AddN adds left to right, so does symopt), loss 0.99648345
    assert sess.run(l2) == np.float32(2.1974998)
    assert sess.run(loss, feed) == pytest.approx(0.99648345, rel=ULP2)
    for _ in range(20):
        sess.run(train, feed)
    return sess, (W1, b1, W2, loss), feed


# TF 2.21 tf.compat.v1, after 20 steps: W1, b1, W2, loss
TRAINED = {
    "gradient descent": (lambda: tf.train.GradientDescentOptimizer(0.1),
                         [[0.7352979, -0.83013815], [0.8451873, 0.46143088]], [0.02736161, 0.103982925],
                         [[0.81633765], [-1.5798357]], 0.026783934),
    "adam": (lambda: tf.train.AdamOptimizer(0.05),
             [[0.81556946, -1.0959882], [0.5792959, 0.47878247]], [0.35259312, 0.15045433],
             [[0.55091864], [-1.6698055]], 0.036950238),
}


@pytest.mark.parametrize("optimizer", sorted(TRAINED))
def test_l2_idiom_trained(optimizer):
    make, W1_after, b1_after, W2_after, loss_after = TRAINED[optimizer]
    sess, (W1, b1, W2, loss), feed = _regression(make())
    np.testing.assert_allclose(sess.run(W1), W1_after, rtol=2e-6)
    np.testing.assert_allclose(sess.run(b1), b1_after, rtol=2e-6)
    np.testing.assert_allclose(sess.run(W2), W2_after, rtol=2e-6)
    assert sess.run(loss, feed) == pytest.approx(loss_after, rel=2e-6)


def test_add_n_values_gradient_and_single_input():
    W = tf.Variable(np.float32([[0.3, -0.7], [1.1, 0.25]]))
    b = tf.Variable(np.float32([0.05, -0.2]))
    total = tf.add_n([W, 2.0 * W, W * W])
    assert (total.shape.as_list(), total.dtype, total.op.name) == ([2, 2], tf.float32, "AddN")
    (grad,) = tf.gradients(tf.reduce_sum(total * total), W)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: [[0.99, -1.61], [4.51, 0.8125]]; added left to right (AddN's kernel, and symopt) the
        # second entry is -1.6099999: TF's graph optimizer (grappler) rewrote this sum before it ran (1 ulp)
        np.testing.assert_allclose(sess.run(total), [[0.99, -1.61], [4.51, 0.8125]], rtol=ULP2)
        # TF 2.21 tf.compat.v1: d/dW sum((3W + W^2)^2) = 2 (3W + W^2)(3 + 2W)
        np.testing.assert_allclose(sess.run(grad), [[7.128, -5.1520004], [46.904003, 5.6875]], rtol=ULP2)
        assert tf.add_n([b]) is b.value()  # TF1: one input is returned as it is, a variable as its read (F43b-3)
        np.testing.assert_array_equal(sess.run(tf.add_n([b], name="only")), np.float32([0.05, -0.2]))
        assert sess.run(tf.add_n([1.0, 2.0])) == 3.0


def test_add_n_adds_left_to_right():
    """symopt adds left to right, rounding each partial sum, as TF1's AddN kernel does (the L2 idiom above is then
    TF1's exact digits).  TF's graph optimizer (grappler) may reorder the terms of a sum it rewrites: for this graph
    TF 2.21 gives [1.0, 1.0] in one run and [1.0, 0.0] in another, so no TF number is asserted here."""
    v = tf.Variable(np.float32([1e8, -1e8, 1.0]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # (1e8 + -1e8) + 1 = 1, and (-1e8 + 1) + 1e8 = 0: -1e8 + 1 rounds to -1e8 in float32
        assert sess.run([tf.add_n([v[0], v[1], v[2]]), tf.add_n([v[1], v[2], v[0]])]) == [1.0, 0.0]


def test_add_n_of_shapeless_placeholders():
    a, b = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    total = tf.add_n([a, b, a])
    assert str(total) == 'Tensor("AddN:0", dtype=float32)'  # TF 2.21 tf.compat.v1
    result = tf.Session().run(total, {a: np.float32([1.5, 2.0]), b: np.float32([0.25, -1.0])})
    np.testing.assert_array_equal(result, np.float32([3.25, 3.0]))


def test_add_n_refuses_what_tf1_refuses():
    W = tf.Variable(np.float32([[1, 2], [3, 4]]))
    b = tf.Variable(np.float32([1, 2]))
    with pytest.raises(ValueError, match="at least one Tensor"):  # TF1: the same ValueError
        tf.add_n([])
    with pytest.raises(ValueError, match="at least one Tensor"):  # TF1: a tensor is not a list (its own error)
        tf.add_n(W)
    with pytest.raises(ValueError, match=r"Shapes must be equal rank.*\[2,2\] and \[2\]"):  # TF1: no broadcasting
        tf.add_n([W, b])
    with pytest.raises(TypeError, match=r"have types \[float32, float64\] that don't all match"):
        tf.add_n([W, tf.constant(np.float64([[1, 2], [3, 4]]))])


def _classifier():
    W = tf.Variable(np.float32([[0.5, -1.5], [2.0, 0.7], [-0.3, 1.2]]), name="W")
    b = tf.Variable(np.float32([0.1, -0.4]), name="b")
    tf.Variable(np.float32([3.0]), name="unused")
    X = tf.placeholder(tf.float32, [None, 3])
    Y = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=tf.matmul(X, W) + b))
    feed = {X: np.float32([[1, 2, 3], [-1, 0.5, 2], [3, -2, 1], [0, 1, -1]]),
            Y: np.float32([[1, 0], [0, 1], [1, 0], [0, 1]])}
    return W, b, loss, feed


def test_gradient_clipping_loop():
    W, b, loss, feed = _classifier()
    optimizer = tf.train.GradientDescentOptimizer(0.5)
    grads, tvars = zip(*optimizer.compute_gradients(loss))
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    assert [c is None for c in clipped] == [False, False, True]  # TF1: the unused variable's None passes through
    assert norm.name == "global_norm/global_norm:0"
    train = optimizer.apply_gradients(zip(clipped, tvars))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: global norm 0.8029581, every gradient scaled by 0.5 / 0.8029581
        assert sess.run(norm, feed) == pytest.approx(0.8029581, rel=ULP2)
        first, second = sess.run([clipped[0], clipped[1]], feed)
        np.testing.assert_allclose(first, [[-0.09724949, 0.0972495], [0.06732994, -0.06732994],
                                           [-0.32208407, 0.3220841]], rtol=ULP2)
        np.testing.assert_allclose(second, [0.08527046, -0.08527044], rtol=ULP2)
        for _ in range(10):
            _, value = sess.run([train, loss], feed)
        # TF 2.21 tf.compat.v1, after 10 clipped steps (symopt: the same digits)
        assert value == pytest.approx(0.11917788, rel=2e-6)
        np.testing.assert_allclose(sess.run(W), [[0.7352815, -1.7352813], [1.4196583, 1.2803417],
                                                 [0.6437287, 0.25627136]], rtol=2e-6)
        np.testing.assert_allclose(sess.run(b), [-0.5722045, 0.27220452], rtol=2e-6)
        assert sess.run(norm, feed) == pytest.approx(0.15434137, rel=ULP2)


def test_global_norm_and_clip_values():
    W, b, loss, feed = _classifier()
    big, big_norm = tf.clip_by_global_norm([W, b], 100.0)
    through = tf.gradients(tf.reduce_sum(tf.clip_by_global_norm([W, b], 1.0)[0][0]), [W, b])
    infinite, infinite_norm = tf.clip_by_global_norm([tf.constant(np.float32([np.inf, 1.0])),
                                                      tf.constant(np.float32([2.0]))], 1.0)
    zero, zero_norm = tf.clip_by_global_norm([tf.zeros([2])], 1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: global_norm skips None; 2.9478807
        assert sess.run(tf.global_norm([W, None, b])) == pytest.approx(2.9478807, rel=ULP2)
        assert sess.run(big_norm) == pytest.approx(2.9478807, rel=ULP2)
        np.testing.assert_array_equal(sess.run(big[0]), sess.run(W))  # below the clip norm: unchanged
        # TF 2.21 tf.compat.v1: an infinite norm makes every clipped value NaN; a zero norm leaves zeros
        values, value_norm = sess.run([infinite, infinite_norm])
        assert np.isnan(values[0]).all() and np.isnan(values[1]).all() and value_norm == np.inf
        values, value_norm = sess.run([zero, zero_norm])
        np.testing.assert_array_equal(values[0], [0.0, 0.0])
        assert value_norm == 0.0
        # TF 2.21 tf.compat.v1: the gradient through the clipping (it differentiates the norm too)
        grad_w, grad_b = sess.run(through)
        np.testing.assert_allclose(grad_w, [[0.28847936, 0.4914689], [0.1362372, 0.26818043],
                                            [0.3696752, 0.21743302]], rtol=ULP2)
        # TF printed 7 digits: -0.01014948 is -0.010149475 to -0.010149485 (symopt's quotient rule a/b/b: ...476)
        np.testing.assert_allclose(grad_b, [-0.01014948, 0.04059791], rtol=5e-7)


def test_clipping_a_shapeless_program_with_momentum():
    X, Y = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    W = tf.Variable(np.float32([[1.0], [-2.0]]))
    b = tf.Variable(0.5)
    loss = tf.losses.mean_squared_error(Y, tf.matmul(X, W) + b) + 0.1 * tf.add_n([tf.nn.l2_loss(W), tf.nn.l2_loss(b)])
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    pairs = optimizer.compute_gradients(loss)
    grads, norm = tf.clip_by_global_norm([g for g, _ in pairs], 2.0)
    assert str(norm) == 'Tensor("global_norm/global_norm:0", shape=(), dtype=float32)'  # TF 2.21 tf.compat.v1
    train = optimizer.apply_gradients(zip(grads, [v for _, v in pairs]))
    feed = {X: np.float32([[1, 2], [3, 4], [-1, 0.5]]), Y: np.float32([[1], [2], [0]])}
    # TF 2.21 tf.compat.v1: (loss, global norm) at each of 8 steps, then W and b
    expected = [(19.179167, 27.854828), (14.030514, 23.632803), (6.5738816, 15.624274), (1.2023768, 4.3695107),
                (3.0972757, 10.261139), (8.865462, 18.852877), (12.197083, 22.388954), (11.035602, 21.344368)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step_values in expected:
            _, value, global_norm = sess.run([train, loss, norm], feed)
            np.testing.assert_allclose([value, global_norm], step_values, rtol=5e-7)
        np.testing.assert_allclose(sess.run(W), [[1.6626378], [-0.11818963]], rtol=5e-7)
        assert sess.run(b) == pytest.approx(1.3744478, rel=5e-7)


def test_clip_refuses_a_single_tensor_or_nothing_to_clip():
    W = tf.Variable(np.float32([1.0, 2.0]))
    with pytest.raises(TypeError, match=r"list or tuple of tensors .*\[t\]"):  # TF1: "should be a sequence"
        tf.clip_by_global_norm(W, 1.0)
    with pytest.raises(TypeError, match="list or tuple"):
        tf.global_norm(W)
    with pytest.raises(ValueError, match="every entry of t_list is None"):
        tf.clip_by_global_norm([None], 1.0)
    with pytest.raises(ValueError, match="must be scalars"):
        tf.clip_by_global_norm([W], [1.0, 2.0])


def _norms():
    W = tf.Variable(np.float32([[1.0, -2.0, 0.5], [3.0, 0.25, -1.5]]))
    v = tf.Variable(np.float32([3.0, -4.0, 1.0]))
    return W, v, {
        "fro": (tf.norm(W), W), "vec": (tf.norm(v), v), "ax0": (tf.norm(W, axis=0), W),
        "ax1k": (tf.norm(W, axis=1, keepdims=True), W), "l1": (tf.norm(v, ord=1), v), "inf": (tf.norm(v, ord=np.inf), v),
        "p3": (tf.norm(v, ord=3), v), "l1ax1": (tf.norm(W, ord=1, axis=1), W), "m1": (tf.norm(W, ord=1, axis=(0, 1)), W),
        "minf": (tf.norm(W, ord=np.inf, axis=[0, 1]), W), "mfro": (tf.norm(W, ord="fro", axis=(0, 1)), W),
        "mfro10k": (tf.norm(W, ord="fro", axis=(1, 0), keepdims=True), W), "p1_5": (tf.norm(W, ord=1.5, axis=-1), W),
    }


# TF 2.21 tf.compat.v1: norm, d norm / d its input
NORMS = {
    'fro': (4.069705, [[0.24571806, -0.49143612, 0.12285903], [0.7371542, 0.061429515, -0.3685771]]),
    'vec': (5.0990195, [0.5883484, -0.78446454, 0.19611613]),
    'ax0': ([3.1622777, 2.0155644, 1.5811388], [[0.31622776, -0.99227786, 0.31622776], [0.94868326, 0.12403473, -0.94868326]]),
    'ax1k': ([[2.291288], [3.363406]], [[0.43643576, -0.8728715, 0.21821788], [0.891953, 0.07432941, -0.4459765]]),
    'l1': (8.0, [1.0, -1.0, 1.0]),
    'inf': (4.0, [0.0, -1.0, 0.0]),
    'p3': (4.5143576, [0.44162205, -0.7851058, 0.049069114]),
    'l1ax1': ([3.5, 4.75], [[1.0, -1.0, 1.0], [1.0, 1.0, -1.0]]),
    'm1': (4.0, [[1.0, -0.0, 0.0], [1.0, 0.0, -0.0]]),
    'minf': (4.75, [[0.0, -0.0, 0.0], [1.0, 1.0, -1.0]]),
    'mfro': (4.069705, [[0.24571806, -0.49143612, 0.12285903], [0.7371542, 0.061429515, -0.3685771]]),
    'mfro10k': ([[4.069705]], [[0.24571806, -0.49143612, 0.12285903], [0.7371542, 0.061429515, -0.3685771]]),
    'p1_5': ([2.5957012, 3.7142577], [[0.620687, -0.877784, 0.438892], [0.89872044, 0.25943825, -0.6354914]]),
}


def test_norms_and_their_gradients():
    W, v, norms = _norms()
    assert str(norms["fro"][0]) == 'Tensor("norm/Squeeze:0", shape=(), dtype=float32)'  # TF 2.21 tf.compat.v1
    assert norms["ax1k"][0].shape.as_list() == [2, 1] and norms["ax0"][0].shape.as_list() == [3]
    gradients = {name: tf.gradients(value, source)[0] for name, (value, source) in norms.items()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, grads = sess.run([{name: value for name, (value, _) in norms.items()}, gradients])
    for name, (value, gradient) in NORMS.items():
        np.testing.assert_allclose(values[name], value, rtol=ULP2, err_msg=name)
        np.testing.assert_allclose(grads[name], gradient, rtol=ULP2, err_msg=name)


def test_norm_refusals():
    W = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    with pytest.raises(symopt.errors.UnsupportedOperationError, match=r"tf.norm\(ord=2\) of a matrix"):
        tf.norm(W, ord=2, axis=(0, 1))  # TF1: the largest singular value (an SVD symopt does not have)
    for bad, message in ((dict(ord=0), "'ord' must be a supported vector norm, got 0"),  # TF 2.21's messages
                         (dict(ord="fro"), "'ord' must be a supported vector norm, got fro"),
                         (dict(ord=3, axis=(0, 1)), "'ord' must be a supported matrix norm"),
                         (dict(axis=(0, 0)), r"'axis' must be None, an integer, or a tuple of 2 unique integers")):
        with pytest.raises(ValueError, match=message):
            tf.norm(W, **bad)


def test_clip_by_average_norm():
    W = tf.Variable(np.float32([[3.0, -4.0], [1.0, 2.0]]))
    clipped, unchanged = tf.clip_by_average_norm(W, 0.5), tf.clip_by_average_norm(W, 5.0)
    assert str(clipped) == 'Tensor("clip_by_average_norm:0", shape=(2, 2), dtype=float32)'  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: scaled to an average norm of 0.5; below 5.0: unchanged; the gradient of the clipped
        # tensor's squared norm (a constant, c^2 n^2) is 0 (TF1: 0 up to 5.96e-08 of rounding; symopt's scalar
        # minimum, a selection since probe9 S12, rounds to 1.2e-07, an ulp of the entries)
        np.testing.assert_allclose(sess.run(clipped), [[1.0954452, -1.4605935], [0.36514837, 0.73029673]], rtol=ULP2)
        np.testing.assert_array_equal(sess.run(unchanged), np.float32([[3.0, -4.0], [1.0, 2.0]]))
        np.testing.assert_allclose(sess.run(tf.gradients(tf.reduce_sum(clipped * clipped), W)[0]), np.zeros((2, 2)),
                                   atol=2.5e-7)
