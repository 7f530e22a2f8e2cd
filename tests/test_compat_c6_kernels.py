"""probe6 P2, P3, P5, P7 (compat6): TF1's kernels where SymPy's or Python's arithmetic differ.  Every expected
number is TF 2.21 ``tf.compat.v1``'s output for the same program (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("dtype", [tf.float32, tf.float64])
def test_pow_gradient_with_respect_to_the_exponent_is_zero_where_the_base_is_not_positive(dtype):
    w, x = tf.placeholder(dtype, []), tf.placeholder(dtype, [])
    gradients = tf.gradients(tf.pow(w, x), [w, x]) + tf.gradients(2.0 * w ** x, [w, x])
    with tf.Session() as sess:
        got = [sess.run(gradients, {w: a, x: b}) for a, b in [(-1, 2), (0, 0.5), (-2, 3), (0, 0), (2, 3)]]
    # TF 2.21: d/dx is 0 where w <= 0 (its _PowGrad reads log(w) only where w > 0)
    assert [g[1] for g in got] == [0.0, 0.0, 0.0, 0.0, np.asarray(8 * np.log(2.0), dtype.name)]
    assert [g[0] for g in got[:3]] == [-2.0, np.inf, 12.0] and [g[3] for g in got[:3]] == [0.0, 0.0, 0.0]


def test_pow_of_a_matrix_by_a_scalar_tensor():
    X = tf.placeholder(tf.float32, [None, 2])
    e = tf.Variable(2.0)
    V = tf.Variable([[1.0, -2.0]])
    gradients = [tf.gradients(tf.reduce_sum(tf.pow(base, e)), [e])[0] for base in (X, V)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(gradients, {X: [[-1.0, 0.0], [2.0, 3.0]]})
    assert got == [np.float32(12.660099), 0.0]  # TF 2.21


def test_float64_scalar_steps_update_where_the_loss_is_not_finite():
    a = tf.Variable(-2.0, dtype=tf.float64)
    b = tf.Variable(3.0, dtype=tf.float64)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(tf.pow(a, b))
    v = tf.Variable(-1.0, dtype=tf.float64)
    log_step = tf.train.GradientDescentOptimizer(0.01).minimize(tf.log(v), var_list=[v])
    w = tf.Variable(800.0, dtype=tf.float64)
    exp_step = tf.train.AdamOptimizer(0.1).minimize(tf.exp(w), var_list=[w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21: [None, -8.0] then a = -2.119999997317791, b = 3.0; then -9.528127963835239, a = -2.254831993962884
        assert sess.run(train) is None and sess.run([a, b]) == [-2.119999997317791, 3.0]
        assert sess.run([train, tf.pow(a, b)])[1] == -9.528127963835239 and sess.run(a) == -2.254831993962884
        loss = sess.run([log_step, tf.log(v)])[1]
        assert np.isnan(loss) and sess.run(v) == -0.9900000002235174  # TF 2.21: the gradient -1 is finite
        sess.run(exp_step)
        assert np.isnan(sess.run(w))  # TF 2.21: Adam's m / sqrt(v) of an infinite gradient


#: TF 2.21 tf.compat.v1: elu, its gradient, selu, its gradient at the points below (bit for bit)
ELU_SELU = {
    "float32": ([-1.0, -1.0, -0.6321205496788025, -1.0132789611816406e-06, 0.0, 1.0, 100.0, 800.0],
                [0.0, 0.0, 0.3678794503211975, 0.9999989867210388, 1.0, 1.0, 1.0, 1.0],
                [-1.7580993175506592, -1.7580993175506592, -1.1113307476043701, -1.7814450075093191e-06, 0.0,
                 1.0507010221481323, 105.07009887695312, 840.560791015625],
                [0.0, 0.0, 0.6467685699462891, 1.758097529411316] + [1.0507010221481323] * 4),
    "float64": ([-1.0, -0.9999999979388464, -0.6321205588285577, -9.999994999843054e-07, 0.0, 1.0, 100.0, 800.0],
                [0.0, 2.0611535811454473e-09, 0.36787944117144233, 0.9999990000005, 1.0, 1.0, 1.0, 1.0],
                [-1.7580993408473768, -1.7580993372236642, -1.1113307378125628, -1.7580984617701136e-06, 0.0,
                 1.0507009873554805, 105.07009873554804, 840.5607898843843],
                [0.0, 3.6237126632698846e-09, 0.6467686030348141, 1.7580975827489151] + [1.0507009873554805] * 4)}


@pytest.mark.parametrize("dtype", [tf.float32, tf.float64])
def test_elu_and_selu_values_and_gradients_are_tf1_kernels(dtype):
    x = tf.placeholder(dtype, [None])
    outputs = [tf.nn.elu(x), tf.nn.selu(x)]
    gradients = [tf.gradients(tf.reduce_sum(y), x)[0] for y in outputs]
    points = [-800.0, -20.0, -1.0, -1e-6, 0.0, 1.0, 100.0, 800.0]
    with tf.Session() as sess:
        (elu, selu), (elu_grad, selu_grad) = sess.run([outputs, gradients], {x: points})
    assert (elu.tolist(), elu_grad.tolist(), selu.tolist(), selu_grad.tolist()) == ELU_SELU[dtype.name]


@pytest.mark.parametrize("dtype", [tf.float32, tf.float64])
def test_round_is_numpy_round_on_scalars_and_vectors(dtype):
    x, v = tf.placeholder(dtype, []), tf.placeholder(dtype, [None])
    w = tf.Variable(-0.3, dtype=dtype)
    gradient = tf.gradients(tf.round(w) * w, [w])
    points = [-1e-8, -0.3, -0.5, 0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e7 + 0.5]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        scalars = [sess.run(tf.round(x), {x: p}) for p in points]
        vector = sess.run(tf.round(v), {v: points})
        # TF 2.21: -0.0 -0.0 -0.0 0.0 2.0 2.0 -2.0 4.0 -4.0 10000000.0 (signs included); gradient round(w) = -0.0
        expected = [-0.0, -0.0, -0.0, 0.0, 2.0, 2.0, -2.0, 4.0, -4.0, 10000000.0]
        assert [float(s) for s in scalars] == expected and vector.tolist() == expected
        assert [np.signbit(s) for s in scalars[:3]] == [True] * 3 and np.signbit(vector[:3]).all()
        assert sess.run(gradient) == [0.0] and np.signbit(sess.run(gradient)[0])
        assert sess.run(tf.round(w) * 1e17) == 0.0


def test_sigmoid_is_correctly_rounded_and_its_gradient_reads_the_output():
    """float32 sigmoid computed in float64 and rounded, gradient y (1 - y) from it (TF1's SigmoidGrad): near
    saturation 1 - y keeps TF1's digits (NumPy's float32 exp gave 3.58e-07 at x = 15 where TF1 gives 2.98e-07)."""
    x = tf.placeholder(tf.float32, [None])
    y = tf.sigmoid(x)
    gradient = tf.gradients(y, x)[0]
    points = [-20.0, -6.0, -1.0, 0.0, 1.0, 6.0, 9.0, 15.0, 20.0]
    with tf.Session() as sess:
        values, grads = sess.run([y, gradient], {x: points})
    tf1_values = [2.0611541362569596e-09, 0.0024726230185478926, 0.26894140243530273, 0.5, 0.7310585379600525,
                  0.9975273609161377, 0.9998766183853149, 0.9999997019767761, 1.0]  # TF 2.21 tf.compat.v1
    tf1_grads = [2.0611541362569596e-09, 0.0024665091186761856, 0.1966119259595871, 0.25, 0.19661195576190948,
                 0.0024665251839905977, 0.00012336639338172972, 2.9802313861182483e-07, 0.0]
    np.testing.assert_allclose(values, tf1_values, rtol=2.4e-7)  # TF1's own kernel is an ulp off at -20, -1, 1
    np.testing.assert_allclose(grads, tf1_grads, rtol=2.4e-7)
    assert values[5:].tolist() == tf1_values[5:] and grads[5:].tolist() == tf1_grads[5:]  # saturating: bit for bit


def test_hessians_through_the_kernels_are_tf1s():
    """tf.hessians of ELU, SELU, ReLU6, sigmoid, |w| w and pow's exponent (the kernels' gradients are differentiated
    again; an ELU's Hessian was refused for a moment in this session)."""
    w = tf.Variable([0.5, -1.0, 2.0])
    e = tf.Variable(1.5)
    outputs = {"elu": tf.nn.elu(w), "selu": tf.nn.selu(w), "relu6": tf.nn.relu6(w * 4.0), "sigmoid": tf.sigmoid(w),
               "abs": tf.abs(w) * w}
    blocks = {name: tf.hessians(tf.reduce_sum(y), [w])[0] for name, y in outputs.items()}
    of_exponent = tf.hessians(tf.reduce_sum(tf.pow(tf.constant([2.0, 0.5, 3.0]), e)), [e])[0]
    expected = {"elu": [0.0, 0.367879, 0.0], "selu": [0.0, 0.646769, 0.0], "relu6": [0.0, 0.0, 0.0],
                "sigmoid": [-0.057557, 0.090858, -0.079962], "abs": [2.0, -2.0, 2.0]}  # TF 2.21, rounded to 6 digits
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, block in blocks.items():
            assert np.round(np.diag(sess.run(block)).astype(float), 6).tolist() == expected[name], name
        assert round(float(sess.run(of_exponent)), 5) == 7.80028
