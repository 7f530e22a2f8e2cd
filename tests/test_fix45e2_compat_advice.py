"""final45e 45e-3, 45e-2, 45e-8, 45e-9, 45e-11: the advice for a ``symopt.compat.v1`` object given to symopt's
own API ran the object's ``__getattr__`` (``tf.app.flags.FLAGS`` parsed ``sys.argv`` and raised absl's error), was
chosen by the object's attribute instead of the argument (``graph(optimizer)`` told to pass ``cost.rule``), named a
fixed ``x.expr`` for any ``at=`` key, led the lecture's ``tf.Variable([0])`` into explain's refusal of a 1×1 matrix,
was missing in ``minimize``'s ``wrt`` and ``optimizer=``, and advised ``.expr`` where it is None."""

import sys

import numpy as np
import pytest
import sympy

import symopt
import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError


def test_a_message_runs_none_of_the_objects_code(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["ipykernel_launcher.py", "-f", "/tmp/kernel-1.json", "--bogus=3"])
    with pytest.raises(ConfigurationError, match="Build it from symopt.Variable"):
        symopt.graph(tf.app.flags.FLAGS)


def test_the_advice_fits_the_argument():
    tf.reset_default_graph()
    variable = tf.Variable(0.0)
    with pytest.raises(ConfigurationError, match=r"AdamOptimizer is a symopt.compat.v1 optimizer, not an expression"):
        symopt.graph(tf.train.AdamOptimizer(0.1))
    with pytest.raises(ConfigurationError, match=r"Variable is a symopt.compat.v1 tensor, not an optimizer"):
        symopt.update_rule(variable)
    w = sympy.Symbol("w")
    with pytest.raises(ConfigurationError) as refused:
        symopt.derive(w**2, w, at={variable: 1.0})
    assert "its .expr" in str(refused.value) and "x.expr" not in str(refused.value)


def test_minimize_advises_on_its_wrt_and_its_optimizer():
    w = sympy.Symbol("w")
    with pytest.raises(ConfigurationError, match=r"optimizer: pass its symopt update rule, its \.rule"):
        symopt.minimize((w - 3)**2, {w: 0.0}, optimizer=tf.train.AdamOptimizer(0.1), steps=3)
    tf.reset_default_graph()
    with pytest.raises(ConfigurationError, match=r"wrt: .*pass its SymPy expression, its \.expr"):
        symopt.minimize((w - 3)**2, {tf.Variable(0.0): 0.0}, steps=3)


def test_the_lectures_shape_1_variable_is_told_to_be_declared_scalar():
    tf.reset_default_graph()
    w = tf.Variable([0], dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0] * w**2 + x[1][0] * w + x[2][0]
    with pytest.raises(ConfigurationError, match=r"explain does not take as a scalar parameter.*tf\.Variable\(0\.0\)"):
        symopt.explain(cost.expr, w, at={x.expr: np.array([[1.0], [-10.0], [25.0]])})


def test_a_deferred_tensor_is_not_told_to_pass_its_expr():
    tf.reset_default_graph()
    total = tf.reduce_sum(tf.placeholder(tf.float32, [None, None]))
    assert total.expr is None
    with pytest.raises(ConfigurationError, match=r"deferred until a session feeds it.*declare the placeholder's shape"):
        symopt.graph(total)
