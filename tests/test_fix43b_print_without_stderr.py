"""``tf.Print`` and ``tf.print`` in a process without stderr (``sys.stderr is None``: pythonw.exe, a service,
``prog.py 2>&-``) run on and write nothing (probe67 P67-6: a bare AttributeError stopped the run).

Oracle: TF 2.21 ``tf.compat.v1`` run with ``2>&-`` prints ``1.0 ok`` for ``s.run(tf.Print(v, [v], "val:"))`` and
``None`` for ``s.run(tf.print(v))``; the values are unaffected.
"""

import sys

import symopt.compat.v1 as tf


def test_prints_without_stderr_run_on(monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        with tf.control_dependencies([tf.print("step", v)]):
            step = tf.assign_add(v, 1.0)
        with tf.Session() as session:
            session.run(v.initializer)
            assert session.run(tf.Print(v, [v], "val:")) == 1.0
            assert session.run(tf.print(v)) is None
            assert session.run(step) == 2.0
            assert session.run(v) == 2.0  # the step carrying the print ran
