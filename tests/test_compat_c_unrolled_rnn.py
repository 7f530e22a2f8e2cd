"""A hand-unrolled RNN (Géron ch. 14's manual RNN, ``h = tanh(x_t Wx + h Wh + b)`` for T steps) trains as TF1 and
its minimize/step/evaluation work grows linearly in T (v-probe V14: the fused step's key printed each gradient with
``srepr``, a walk of the shared DAG as a tree, 453 871 printer calls at T = 20 against 1 226 now).

Work is bounded by counting SymPy printer calls, never by time.  Literals marked "TF 2.21 tf.compat.v1" were printed
by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program; TensorFlow is not needed here.
"""

import numpy as np
from sympy.printing.printer import Printer

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def unrolled_rnn(steps: int):
    """The manual RNN of ``steps`` steps, its feed, loss and Adam training op."""
    xs = [tf.placeholder(tf.float32, [None, 3]) for _ in range(steps)]
    y = tf.placeholder(tf.float32, [None, 1])
    Wx = tf.Variable(np.float32(np.linspace(-0.5, 0.5, 15).reshape(3, 5)))
    Wh = tf.Variable(np.float32(np.linspace(-0.3, 0.4, 25).reshape(5, 5)))
    b = tf.Variable(tf.zeros([1, 5]))
    Wo = tf.Variable(np.float32(np.linspace(-1, 1, 5).reshape(5, 1)))
    h = tf.zeros([1, 5])
    for x_t in xs:
        h = tf.tanh(tf.matmul(x_t, Wx) + tf.matmul(h, Wh) + b)
    loss = tf.reduce_mean(tf.square(tf.matmul(h, Wo) - y))
    feed = {x: np.float32(np.sin(np.arange(12).reshape(4, 3) + t)) for t, x in enumerate(xs)}
    feed[y] = np.float32([[0.5], [-0.5], [1.0], [0.0]])
    return loss, feed, b


def test_a_twenty_step_unrolled_rnn_trains_as_tf1():
    loss, feed, b = unrolled_rnn(20)
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(loss, feed) == np.float32(0.14673316)  # TF 2.21 tf.compat.v1
        for _ in range(3):
            sess.run(train, feed)
        np.testing.assert_allclose(sess.run(loss, feed), np.float32(0.09316182), rtol=4e-7)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(b), np.float32([[-0.029821249, -0.02989293, 0.028192904, 0.029615706,
                                                             0.029703833]]), rtol=4e-7)  # TF 2.21 tf.compat.v1


def printer_calls(steps: int, monkeypatch) -> tuple[int, int]:
    """SymPy printer calls of ``minimize`` and of the first training run plus one loss evaluation."""
    calls = [0]
    original = Printer._print

    def counting(printer, expr, **options):
        calls[0] += 1
        return original(printer, expr, **options)

    tf.reset_default_graph()
    loss, feed, _ = unrolled_rnn(steps)
    monkeypatch.setattr(Printer, "_print", counting)
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    building = calls[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, feed)
        sess.run(loss, feed)
    monkeypatch.setattr(Printer, "_print", original)
    return building, calls[0] - building


def test_minimize_and_runs_of_an_unrolled_rnn_print_each_shared_step_once(monkeypatch):
    counts = {steps: printer_calls(steps, monkeypatch) for steps in (10, 20, 40)}
    for short, long in ((10, 20), (20, 40)):
        for stage in (0, 1):  # doubling T at most doubles the work plus a constant (it was x6.3 from 10 to 20)
            assert counts[long][stage] < 2.2 * counts[short][stage], (stage, counts)
    assert counts[40][0] < 120 * 40, counts  # 2 246 at T = 40 when written (T = 20 printed 453 871 before the fix)
