"""probe11 U12 (compat10): an op of scalar tensors is computed as TF1 computes it, in floats, where SymPy's automatic
rewriting would cancel or merge its operands: ``(x + y) - y`` is 0 at ``x = 100, y = 1e30`` (float32 absorption),
``tf.exp(tf.log(x))`` is NaN at ``x = -2``, ``tf.sqrt(tf.square(x))`` overflows at ``x = 1e20``, and the gradients
through them are TF1's (``tf.gradients(x * y / y, x)`` is NaN at ``y = 0``).  Expected numbers: the same program in
TF 2.21 ``tf.compat.v1`` (graph mode); exact where the op is exact IEEE arithmetic, else within a few float32 ulp
(TF1's exp/log/tanh kernels round differently from NumPy's)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

NAN, INF = float("nan"), float("inf")
#: (x, y) fed to the two scalar placeholders
POINTS = ((100.0, 1e30), (1.0, 1e8), (0.1, 1.0), (-2.0, 3.0), (3.0, 0.0), (1e20, 2.0))
#: name -> (build from x and y, exact IEEE arithmetic?, TF 2.21's [value, d/dx] at POINTS)
CASES = {
    "(x + y) - y": (lambda x, y: (x + y) - y, True,
                    [[0.0, 1.0], [0.0, 1.0], [0.10000002384185791, 1.0], [-2.0, 1.0], [3.0, 1.0], [1e20, 1.0]]),
    "x - y + y": (lambda x, y: x - y + y, True,
                  [[0.0, 1.0], [0.0, 1.0], [0.10000002384185791, 1.0], [-2.0, 1.0], [3.0, 1.0], [1e20, 1.0]]),
    "x * y / y": (lambda x, y: x * y / y, True,
                  [[100.0, 1.0], [1.0, 1.0], [0.1, 1.0], [-2.0, 1.0], [NAN, NAN], [1e20, 1.0]]),
    "exp(log(x))": (lambda x, y: tf.exp(tf.log(x)), False,
                    [[100.00000762939453, 1.0], [1.0, 1.0], [0.09999999403953552, 0.9999999403953552], [NAN, NAN],
                     [3.0, 1.0], [9.99998700626924e+19, 0.9999986886978149]]),
    "square(sqrt(x))": (lambda x, y: tf.square(tf.sqrt(x)), True,
                        [[100.0, 1.0], [1.0, 1.0], [0.1, 1.0], [NAN, NAN], [3.0, 1.0], [1e20, 1.0]]),
    "sqrt(x) * sqrt(x)": (lambda x, y: tf.sqrt(x) * tf.sqrt(x), True,
                          [[100.0, 1.0], [1.0, 1.0], [0.1, 1.0], [NAN, NAN], [3.0, 1.0], [1e20, 1.0]]),
    "tanh(atanh(x))": (lambda x, y: tf.tanh(tf.atanh(x)), False,
                       [[NAN, NAN], [1.0, NAN], [0.09999999403953552, 0.9999999403953552], [NAN, NAN], [NAN, NAN],
                        [NAN, NAN]]),
    "log(exp(x))": (lambda x, y: tf.log(tf.exp(x)), False,
                    [[INF, NAN], [0.9999999403953552, 1.0], [0.1000000461935997, 1.0], [-2.0, 1.0], [3.0, 1.0],
                     [INF, NAN]]),
    "sqrt(square(x))": (lambda x, y: tf.sqrt(tf.square(x)), True,
                        [[100.0, 1.0], [1.0, 1.0], [0.1, 1.0], [2.0, -1.0], [3.0, 1.0], [INF, 0.0]]),
    "pow(pow(x, 2), 0.5)": (lambda x, y: tf.pow(tf.pow(x, 2.0), 0.5), True,
                            [[100.0, 1.0], [1.0, 1.0], [0.1, 1.0], [2.0, -1.0], [3.0, 1.0], [INF, 0.0]]),
    "exp(x + y) / exp(y)": (lambda x, y: tf.exp(x + y) / tf.exp(y), False,
                            [[NAN, NAN], [NAN, NAN], [1.1051709651947021, 1.1051709651947021],
                             [0.1353352814912796, 0.1353352814912796], [20.08553695678711, 20.08553695678711],
                             [INF, INF]]),
}


@pytest.mark.parametrize("name", CASES)
def test_scalar_ops_are_not_rewritten_by_sympy(name):
    build, exact, expected = CASES[name]
    x, y = tf.placeholder(tf.float32, []), tf.placeholder(tf.float32, [])
    out = build(x, y)
    gradient = tf.gradients(out, x)[0]
    with tf.Session() as sess:
        got = [sess.run([out, gradient], {x: a, y: b}) for a, b in POINTS]
    expected = np.array(expected, np.float32)
    if exact:
        np.testing.assert_array_equal(np.array(got, np.float32), expected)
    else:
        np.testing.assert_allclose(np.array(got, np.float32), expected, rtol=2e-7 * 8)


def test_the_absorption_lesson_prints_tf1s_zero():
    """The floating-point lesson: ``(a + b) - b`` with ``b`` huge is 0 in float32 (TF1), never the exact 100."""
    a, b = tf.placeholder(tf.float32, []), tf.placeholder(tf.float32, [])
    with tf.Session() as sess:
        assert sess.run([(a + b) - b, a + (b - b)], {a: 100.0, b: 1e30}) == [0.0, 100.0]


def test_ordinary_ops_keep_their_form():
    """Only a rewritten op is held: a sum, a product, a function of an ordinary operand print as before."""
    x, y = tf.placeholder(tf.float32, [], name="x"), tf.placeholder(tf.float32, [], name="y")
    for tensor in (x + y, x * y - 1.0, tf.exp(x) / y, tf.sqrt(x * y), 2.0 * (3.0 * x)):
        assert "held" not in str(tensor.expr)
    assert "held" in str(((x + y) - y).expr)


def test_a_nan_reaching_a_square_root_gives_tf1s_nan_gradient():
    """TF1's SqrtGrad is ``dy != 0 ? dy / (2 y) : 0``: a NaN ``dy`` (from ``sqrt(-2)`` or a NaN input) is not 0, so
    the gradient is NaN, never a silent 0 (TF 2.21: the same numbers)."""
    v = tf.placeholder(tf.float32, [None])
    outputs = [tf.square(tf.sqrt(v)), tf.sqrt(v) * tf.sqrt(v), tf.abs(tf.sqrt(v)), 3.0 * tf.square(tf.sqrt(v)),
               tf.nn.relu(tf.sqrt(v)), tf.where(v > 0.0, tf.sqrt(v), tf.zeros_like(v))]
    gradients = [tf.gradients(tf.reduce_sum(o), v)[0] for o in outputs]
    with tf.Session() as sess:
        at_minus_two = sess.run(gradients, {v: [-2.0, 4.0]})
        at_nan = sess.run(gradients, {v: [NAN, 1.0]})
    np.testing.assert_array_equal(at_minus_two, [[NAN, 1.0], [NAN, 1.0], [NAN, 0.25], [NAN, 3.0], [0.0, 0.25],
                                                 [0.0, 0.25]])
    np.testing.assert_array_equal(at_nan, [[NAN, 1.0], [NAN, 1.0], [NAN, 0.5], [NAN, 3.0], [0.0, 0.5], [0.0, 0.5]])
