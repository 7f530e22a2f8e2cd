"""probe6 P11, P13, P16 (compat6): TF1 ops of a scalar that holds a selection (``tf.where``, ``tf.maximum``,
``tf.clip_by_value``, ``tf.cond``) build, and give TF1's values and gradients, also fetched together.  Expected
numbers: the same program in TF 2.21 ``tf.compat.v1`` (rounded to 6 digits)."""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

POINTS = (-1.3, 0.2, 0.9, 2.5)
#: name -> (build from x, TF 2.21's [value, gradient] at POINTS)
CASES = {
    "elu of a maximum": (lambda x: tf.nn.elu(tf.maximum(x, -3.0)),
                         [[-0.727468, 0.272532], [0.2, 1.0], [0.9, 1.0], [2.5, 1.0]]),
    "selu of a clip plus x": (lambda x: tf.nn.selu(tf.clip_by_value(x - 0.4, -1.0, 1.0) + (x - 0.4)), None),
    "relu6 of a maximum": (lambda x: tf.nn.relu6(tf.maximum(x, x - 0.4)),
                           [[0.0, 0.0], [0.2, 1.0], [0.9, 1.0], [2.5, 1.0]]),
    "elu of a where": (lambda x: tf.nn.elu(tf.where(x > 0.7, x, 0.7 * tf.ones_like(x))),
                       [[0.7, 0.0], [0.7, 0.0], [0.9, 1.0], [2.5, 1.0]]),
    "maximum of a minimum": (lambda x: tf.maximum(x, tf.minimum(2.0 * x, 3.0)),
                             [[-1.3, 1.0], [0.4, 2.0], [1.8, 2.0], [3.0, 0.0]]),
}


def _run(build):
    x = tf.placeholder(tf.float32, [])
    y = build(x)
    gradient = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        separate = [[sess.run(y, {x: v}), sess.run(gradient, {x: v})] for v in POINTS]
        together = [sess.run([y, gradient], {x: v}) for v in POINTS]
    return separate, together


@pytest.mark.parametrize("name", sorted(CASES))
def test_scalar_ops_of_selections_build_and_match_tf1(name):
    build, expected = CASES[name]
    separate, together = _run(build)
    assert separate == together  # P13: the value fetched with its gradient took another branch
    if expected is not None:
        assert [[round(float(v), 6) for v in pair] for pair in together] == expected


def test_an_elu_of_a_where_trains_and_reports_tf1_loss():
    w = tf.Variable(-1.3)
    loss = tf.nn.elu(tf.where(w > 0.7, w, 0.7)) + tf.square(w)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([train, loss])[1] == pytest.approx(2.3899999, abs=1e-7)  # TF 2.21: 2.3899999
        assert sess.run(w) == pytest.approx(-1.04, abs=1e-7)


def test_a_cond_on_a_where_of_a_scalar_differentiates():
    x = tf.placeholder(tf.float32, [])
    a = tf.where(tf.sign(x - 0.4) * (x - 0.4) > 0.7, tf.sign(x - 0.4) * (x - 0.4), 0.7)
    y = tf.cond(a > x * 1.5, lambda: a, lambda: x * 1.5 * 2.0)
    gradient = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        got = [[round(float(v), 6) for v in sess.run([y, gradient], {x: v})] for v in POINTS]
    assert got == [[1.7, -1.0], [0.7, 0.0], [2.7, 3.0], [7.5, 3.0]]  # TF 2.21


def test_sympy_does_not_cancel_what_tf1_computes():
    """probe6 P15: 0.0 * f, f - f, f / f, x + (-x) of scalars are computed (TF1's nan / inf / -0.0), not folded."""
    x = tf.placeholder(tf.float32, [])
    w = tf.Variable(2.0)
    outputs = [tf.log(x) * 0.0 + x, 0.0 * tf.sqrt(x), tf.log(x) - tf.log(x), tf.exp(x * 1000.0) * 0.0, x / x, x - x,
               tf.add(x, -x), tf.exp(x) / tf.exp(x), x * 0.0]
    gradients = tf.gradients(tf.log(x) * 0.0 + w * x + 0.0 * tf.square(w), [x, w])
    nan = float("nan")
    expected = {  # TF 2.21 tf.compat.v1: outputs, then gradients
        -1.0: ([nan, nan, nan, 0.0, 1.0, 0.0, 0.0, 1.0, -0.0], [2.0, -1.0]),
        1.0: ([1.0, 0.0, 0.0, nan, 1.0, 0.0, 0.0, 1.0, 0.0], [2.0, 1.0]),
        0.0: ([nan, 0.0, nan, 0.0, nan, 0.0, 0.0, 1.0, 0.0], [nan, 0.0]),
        float("inf"): ([nan] * 9, [2.0, float("inf")])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for point, (values, grads) in expected.items():
            got = sess.run(outputs, {x: point}) + sess.run(gradients, {x: point})
            assert [repr(float(v)) for v in got] == [repr(v) for v in values + grads]  # nan and -0.0 included


def test_abs_and_softsign_of_a_scalar_logsumexp():
    """probe6 P24: tf.abs / tf.nn.softsign of a scalar tf.reduce_logsumexp of a stack build (raw ValueError)."""
    x = tf.placeholder(tf.float32, [])
    lse = tf.reduce_logsumexp(tf.stack([x, 0.7]))
    constant = tf.reduce_logsumexp(tf.stack([0.7, 0.7]))
    outputs = [tf.abs(constant), tf.nn.softsign(constant), tf.abs(lse), tf.log1p(tf.abs(lse))]
    gradients = [tf.gradients(outputs[2], x)[0], tf.gradients(outputs[3], x)[0]]
    with tf.Session() as sess:
        got = sess.run(outputs + gradients, {x: -1.3})
    expected = [1.3931472301483154, 0.5821402072906494, 0.8269280195236206, 0.6026358604431152, 0.11920291185379028,
                0.06524772942066193]  # TF 2.21 tf.compat.v1
    assert [float(v) for v in got] == pytest.approx(expected, rel=2.4e-7)
