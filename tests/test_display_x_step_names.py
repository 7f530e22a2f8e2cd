"""Automatic step names skip the letter of an input written with a subscript: beside w₁, w₂ no step is named w
(probe U7: ``2ww₂`` and ``σ(w)`` read as weights).  Exact strings."""

import contextlib
import io

import sympy

from symopt import cli
from symopt.display import derive, graph


def test_the_cli_derivation_has_no_step_w():
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert cli.main(["derive", "(w2*tanh(w1*x+b) - y)^2", "--wrt", "w1,w2,b"]) == 0
    lines = printed.getvalue().splitlines()
    assert lines[1:7] == ["  u = w₁x", "  v = b + u", "  p = tanh(v)", "  q = pw₂", "  r = q - y", "  J = r²"]
    assert "  dJ/dp = dJ/dq · dq/dp = w₂(2pw₂ - 2y)" in lines


def test_the_logistic_graph_names_the_pre_activation_p():
    w1, w2, x1, x2, b, y = sympy.symbols("w1 w2 x1 x2 b y")
    a = 1 / (1 + sympy.exp(-(w1 * x1 + w2 * x2 + b)))
    lines = str(graph(-(y * sympy.log(a) + (1 - y) * sympy.log(1 - a)))).splitlines()
    steps = [line.split(" = ")[0] for line in lines if " = " in line and not line.startswith(("w", "x", "b", "y"))]
    assert "w" not in steps and steps[:3] == ["u", "v", "p"]


def test_a_plain_w_input_keeps_the_names_as_before():
    a, b, c = sympy.symbols("a b c")
    assert [line.split(" = ")[0] for line in str(derive(3 * (a + b * c), [a, b, c])).splitlines()[1:4]] == \
        ["  u", "  v", "  J"]


def test_labels_named_l_make_the_course_loss_l_script():
    import numpy as np

    import symopt
    from symopt import ops
    X, L = symopt.Placeholder("X", (2, None)), symopt.Placeholder("L", (1, None))
    W, b = symopt.Variable("W", 0.0, shape=(1, 2)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(W @ X, b), L)
    xv, lv = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[1.0, 0.0]])
    lines = str(derive(cost, [W, b], shapes=False, at={X: xv, L: lv})).splitlines()
    assert lines[3:5] == ["  ℓ = softplus(Z) - L·Z = [[0.6931, 0.6931]]", "  J = (1/m) Σ ℓ = 0.6931"]
    assert lines[6] == "  dZ = A - L = [[-0.5, 0.5]]"  # σ(0) - L
    assert lines[7] == "  dW = (1/m) dZ Xᵀ = [[0.25, -0.375]]"  # (1/2)(-0.5·[1, 0.5] + 0.5·[2, -1])
