"""probe75 P75-4: the course's TF1 program (``import symopt.compat.v1 as tf``) given to derive, graph, explain or
update_rule was refused with advice to rebuild the cost from symopt.Variable, although its tensors hold their
SymPy expression (``.expr``) and its optimizers their symopt rule (``.rule``).  The messages now name them, and
what they name shows the lecture's numbers: TF 2.21's ``tf.compat.v1`` (graph mode) gives
``tf.gradients(cost, w)`` = ``[-10.]`` at ``w = [0]`` and ``-4.0`` for a scalar ``w`` at 3, with the coefficients
``[[1.], [-10.], [25.]]`` (run once in /tmp/cmpvenv; the literals are copied here)."""

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError

COEFFICIENTS = np.array([[1.0], [-10.0], [25.0]])
TF1_GRADIENT_AT_0 = -10.0  # TF 2.21 tf.compat.v1: tf.gradients(cost, w) with w = tf.Variable([0])
TF1_GRADIENT_AT_3 = -4.0  # the same with w = tf.Variable(0.0) assigned 3.0


def lecture(initial):
    tf.reset_default_graph()
    w = tf.Variable(initial, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [3, 1])
    return w, x, x[0][0] * w**2 + x[1][0] * w + x[2][0]


def test_each_display_names_what_to_pass_instead():
    w, x, cost = lecture([0])
    with pytest.raises(ConfigurationError, match=r"given Tensor .*pass its SymPy expression, its \.expr\.$"):
        symopt.graph(cost)
    with pytest.raises(ConfigurationError, match=r"given Tensor .*pass its SymPy expression, its \.expr\.$"):
        symopt.derive(cost, w.expr)
    with pytest.raises(ConfigurationError, match=r"wrt: expected symbols .*given <tf\.Variable.*its \.expr"):
        symopt.explain(cost.expr, w, at={x.expr: COEFFICIENTS})
    with pytest.raises(ConfigurationError, match=r"at: .* is not an input of the cost.*its \.expr$"):
        symopt.derive(cost.expr, w.expr, at={x: COEFFICIENTS})
    with pytest.raises(ConfigurationError, match=r"update_rule: expected an optimizer .*its \.rule$"):
        symopt.update_rule(tf.train.AdamOptimizer(0.1))


def test_what_the_messages_name_shows_tf1s_numbers():
    w, x, cost = lecture([0])
    shown = str(symopt.derive(cost.expr, w.expr, at={x.expr: COEFFICIENTS}))
    assert shown.splitlines()[-1].endswith(f"= [[{TF1_GRADIENT_AT_0:g}]]")
    w, x, cost = lecture(0.0)
    finding = symopt.explain(cost.expr, w.expr, at={x.expr: COEFFICIENTS, w.expr: 3.0}).finding(w.expr)
    assert finding.status == "fine" and finding.detail.endswith(f" = {TF1_GRADIENT_AT_3:g}")
    assert str(symopt.update_rule(tf.train.AdamOptimizer(0.1).rule)).startswith("Adam")
