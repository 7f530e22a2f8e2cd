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
