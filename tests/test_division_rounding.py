"""An elementwise division prints as ``a/b``: one rounding, as NumPy's and TF1's division kernels (``a*b**(-1)``
rounded twice: 160 of 600 float32 entries were 1 ulp off ``a / b``)."""

import numpy as np

import symopt
from symopt.compiler import compile_expressions
from symopt.nodes import hadamard, power


def _operands():
    rng = np.random.default_rng(0)
    return rng.random((200, 3)).astype(np.float32), rng.random((200, 3)).astype(np.float32) + np.float32(0.1)


def test_tf1_division_of_float32_tensors_is_numpys_to_the_bit():
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    a, b = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 3])
    x, y = _operands()
    with tf.Session() as sess:
        assert np.array_equal(sess.run(a / b, {a: x, b: y}), x / y)  # TF's RealDiv is IEEE division, as NumPy's


def test_the_printed_division_and_its_parentheses():
    X, Y, Z = (symopt.Placeholder(n, (None, 3)) for n in ("X", "Y", "Z"))
    W = symopt.Variable("W", np.ones((3, 3)))
    cases = {"X/Y": hadamard(X, power(Y, -1)), "X*Z/Y": hadamard(X, Z, power(Y, -1)),
             "X/(Y*Z)": hadamard(X, power(hadamard(Y, Z), -1)), "X/(Y + Z)": hadamard(X, power(Y + Z, -1)),
             "X/(Y @ W)": hadamard(X, power(Y @ W, -1))}
    x, y = (v.astype(np.float64) for v in _operands())
    z = y[::-1].copy()
    expected = {"X/Y": x / y, "X*Z/Y": x * z / y, "X/(Y*Z)": x / (y * z), "X/(Y + Z)": x / (y + z),
                "X/(Y @ W)": x / (y @ np.ones((3, 3)))}
    for text, expression in cases.items():
        function, _ = compile_expressions([expression], [X, Y, Z, W], dtype="float64")
        assert function.source.splitlines()[-1] == f"    return ({text},)"
        assert np.array_equal(function(x, y, z, np.ones((3, 3)))[0], expected[text])


# TF 2.21 tf.compat.v1, float32: x (3,) fed row by row, w = Variable(1.5)
ROWS = [[6.369616985321045, 2.6978671550750732, 0.40973523259162903],
        [0.16527634859085083, 8.132702827453613, 9.127555847167969],
        [6.066357612609863, 7.294965744018555, 5.436249732971191],
        [9.350724220275879, 8.158535957336426, 0.027385002002120018],
        [8.574042320251465, 0.33585575222969055, 7.2965545654296875],
        [1.7565561532974243, 8.631789207458496, 5.414612293243408]]
TF1_MEAN = [4.738609790802002, 8.712767601013184, 9.398786544799805, 8.768322944641113, 8.103225708007812,
            7.901479244232178]  # reduce_mean(x * w)


def test_a_value_divides_as_tf1s_mean_and_realdiv():
    """TF1's forward ``Mean`` and ``RealDiv`` divide (``sum/3``, ``x/w``): one rounding.  ``(1/3)*sum`` was 1 ulp
    off TF1 in 3 of these 6 rows, and ``(1/w)*x`` in 188 of 600 entries."""
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    x, w = tf.placeholder(tf.float32, [3]), tf.Variable(np.float32(1.5))
    mean, quotient = tf.reduce_mean(x * w), x / w
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        rows = np.float32(ROWS)
        assert [float(sess.run(mean, {x: r})) for r in rows] == TF1_MEAN
        assert all(np.array_equal(sess.run(quotient, {x: r}), r / np.float32(1.5)) for r in rows)
        rows = np.float32(np.random.default_rng(1).random((200, 3)) * 10)
        assert np.array_equal(np.stack([sess.run(quotient, {x: r}) for r in rows]), rows / np.float32(1.5))


def test_the_cost_prints_its_division_and_the_gradient_its_reciprocal():
    X, w = symopt.Placeholder("X", (None, 1)), symopt.Variable("w", 1.5)
    source = symopt.compile(symopt.ops.mean(X * w) + w / 3, w).source
    assert source == ("def value_and_grad(w, X):\n"
                      "    m = X.shape[0]\n"
                      "    t0 = 1/m\n"
                      "    return w/3 + (w*X).sum()/m, (1/3 + (t0*X).sum(),)\n")


def test_a_mean_over_a_batch_matrix_divides_once():  # probe37 P37-5: sum/m/30, one float32 ulp off TF1
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 30])
    ones = np.r_[np.ones(696), np.zeros(204)].astype(np.float32).reshape(30, 30)  # every sum exact: 696
    with tf.Session() as sess:
        means = sess.run([tf.reduce_mean(z), tf.reduce_sum(z) / tf.cast(tf.size(z), tf.float32),
                          tf.nn.moments(z, axes=[0, 1])[0]], {z: ones})
    assert [float(v) for v in means] == [float(np.float32(696 / 900))] * 3  # TF1 0.7733333; twice: 0.7733334
    X = symopt.Placeholder("X", (None, 30))
    function, _ = compile_expressions([symopt.ops.sum(X) / (30 * symopt.BATCH)], [X], dtype="float32")
    assert function.source.splitlines()[-1] == "    return (X.sum()/(30*m),)"
