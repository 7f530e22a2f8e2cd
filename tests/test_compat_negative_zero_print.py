"""``tf.constant(-0.0)`` keeps its sign (a SymPy number cannot: it was 0.0), so ``tf.Print`` writes TF1's ``-0`` and
``1 / -0.0`` is ``-inf``; a float16 prints with TF1's digits, ``0.0999755859`` (probe13 W20).  Goldens from TF 2.21
tf.compat.v1 (graph mode)."""

import numpy as np

import symopt.compat.v1 as tf


def test_negative_zero_constants_and_float16_print_as_tf1(capsys):
    tf.reset_default_graph()
    session = tf.Session()
    session.run(tf.Print(tf.constant(0.0), [tf.constant(-0.0), tf.constant([-0.0, 1.0])], "neg zero: "))
    session.run(tf.Print(tf.constant(0.0), [tf.constant(np.float16(0.1)), tf.constant(np.float16([0.5, 0.3]))],
                         "f16: "))
    assert capsys.readouterr().err.splitlines()[-2:] == ["neg zero: [-0][-0 1]", "f16: [0.0999755859][0.5 0.300048828]"]
    inverse, doubled = session.run([1.0 / tf.constant(-0.0), tf.constant(-0.0) * 2.0])
    assert inverse == -np.inf and doubled == 0.0 and np.signbit(doubled)
