"""symopt.explain: the cause of a zero, vanishing or NaN gradient and the derivation line where it happens,
one test per cause (dead ReLU, saturated tanh/sigmoid, zero weights, zero input, unreached, log of 0, 0·∞)."""

import numpy as np
import sympy
from sympy import OneMatrix

import symopt
from symopt import ops

RNG = np.random.default_rng(7)


def relu_network():
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (2, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(5, 3)), symopt.Variable("b1", 0.0, shape=(5, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(2, 5)), symopt.Variable("b2", 0.0, shape=(2, 1))
    Z1 = ops.bias_add(ops.matmul(W1, X), b1)
    Z2 = ops.bias_add(ops.matmul(W2, ops.relu(Z1)), b2)
    return ops.softmax_cross_entropy(Z2, Y, axis=0), [W1, b1, W2, b2]


def tanh_network():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = ops.bias_add(ops.matmul(W1, X), b1)
    Z2 = ops.bias_add(ops.matmul(W2, ops.tanh(Z1)), b2)
    return ops.sigmoid_cross_entropy(Z2, Y), [W1, b1, W2, b2]


def explicit_logistic():
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    A = ops.sigmoid(ops.bias_add(ops.matmul(ops.transpose(w), X), b))
    ones = OneMatrix(*A.shape)
    return -ops.sum(ops.hadamard(Y, ops.log(A)) + ops.hadamard(ones - Y, ops.log(ones - A))) / X.shape[1], [w, b]


def data(rows_x, rows_y, examples=6):
    labels = np.eye(rows_y)[:, RNG.integers(0, rows_y, examples)] if rows_y > 1 else \
        RNG.integers(0, 2, (1, examples)).astype(float)
    return {"X": RNG.normal(size=(rows_x, examples)), "Y": labels}


def test_dead_relu_units_are_counted_and_pointed_at():
    cost, wrt = relu_network()
    at = {"W1": RNG.normal(size=(5, 3)), "b1": np.array([[-50.0], [0.0], [-50.0], [0.0], [0.0]]),
          "W2": RNG.normal(size=(2, 5))}
    explanation = symopt.explain(cost, wrt, at=at, data=data(3, 2))
    finding = explanation.finding("W1")
    assert finding.status == "partly zero" and finding.detail == "0 for 2 of 5 units"
    assert finding.causes == (("dead ReLU", "2 of 5 units of Z₁ are ≤ 0 for all 6 examples, so (Z₁ > 0) is 0 "
                                            "in their rows"),)
    assert finding.line == "dZ₁ = W₂ᵀ dZ₂ ∗ (Z₁ > 0)"
    below = explanation.finding("W2")  # the dead units' columns of dW₂ are 0 too (probe U9; this read "fine" before)
    assert (below.status, below.detail) == ("partly zero", "0 for 2 of 5 inputs")
    assert below.causes == (("dead ReLU", "2 of 5 units of A₁ are 0 for all 6 examples, so dW₂ = (1/m) dZ₂ A₁ᵀ is 0 "
                                          "in their columns"),)


def test_saturated_tanh_units():
    cost, wrt = tanh_network()
    at = {"W1": np.array([[300.0, 0.0], [0.0, -300.0], [0.0, 0.0], [300.0, 300.0]]), "W2": RNG.normal(size=(1, 4))}
    point = data(2, 1)
    point["X"][:, 0] = [1.0, -1.0]  # every example far from 0 for the saturated units
    point["X"] = np.sign(point["X"]) * (np.abs(point["X"]) + 0.5)
    finding = symopt.explain(cost, wrt, at=at, data=point).finding("b1")
    assert finding.status == "partly zero"
    assert finding.causes[0][0] == "saturated" and "units of Z₁ saturate (tanh)" in finding.causes[0][1]
    assert "1 - A₁² < 1e-08" in finding.causes[0][1]
    assert finding.line == "dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²)"


def test_saturated_sigmoid_hidden_units():
    X, Y = symopt.Placeholder("X", (1, None)), symopt.Placeholder("Y", (1, None))
    W1, W2 = symopt.Variable("W1", 0.0, shape=(2, 1)), symopt.Variable("W2", 1.0, shape=(1, 2))
    cost = ops.sigmoid_cross_entropy(ops.matmul(W2, ops.sigmoid(ops.matmul(W1, X))), Y)
    explanation = symopt.explain(cost, [W1, W2], at={"W1": [[500.0], [500.0]]},
                                 data={"X": [[1.0, 2.0, 3.0]], "Y": [[1.0, 0.0, 1.0]]})
    finding = explanation.finding("W1")
    assert finding.status == "vanishing" or finding.status == "zero"
    assert finding.causes[0] == ("saturated", "2 of 2 units of Z₁ saturate (sigmoid) for all 3 examples: "
                                              "A₁(1 - A₁) < 1e-08")
    assert finding.line == "dZ₁ = W₂ᵀ dZ₂ ∗ (A₁(1 - A₁))"


def test_zero_weights_and_zero_inputs():
    cost, wrt = tanh_network()
    explanation = symopt.explain(cost, wrt, data=data(2, 1))  # every parameter at its initial value 0
    assert explanation.finding("W1").causes == (
        ("zero weights", "W₂ = 0, so W₂ᵀ dZ₂ = 0 and no signal reaches Z₁; initialise W₂ with small random numbers"),)
    assert explanation.finding("W2").causes == (("zero input", "A₁ = 0 for every example, so dW₂ = (1/m) dZ₂ A₁ᵀ = 0"),)
    assert explanation.finding("W2").line == "dW₂ = (1/m) dZ₂ A₁ᵀ"


def test_a_parameter_the_cost_does_not_reach():
    cost, wrt = tanh_network()
    unused = symopt.Variable("V", 0.0, shape=(2, 2))
    finding = symopt.explain(cost, wrt + [unused], at={"W1": RNG.normal(size=(4, 2)), "W2": RNG.normal(size=(1, 4))},
                             data=data(2, 1)).finding(unused)
    assert finding.status == "unreached"
    assert finding.causes == (("unreached", "no path from the cost to V; it is never updated"),)


def test_log_of_zero_and_zero_times_infinity():
    cost, wrt = explicit_logistic()
    explanation = symopt.explain(cost, wrt, at={"w": [[1.0], [0.0], [0.0]]},
                                 data={"X": [[800.0, 1.0], [0.0, 1.0], [0.0, 1.0]], "Y": [[0.0, 1.0]]})
    finding = explanation.finding("w")
    assert finding.status == "not finite"
    kinds = dict(finding.causes)
    assert kinds["log of 0"] == "1 - A = 0 in 1 of 2 entries, so log(1 - A) = -∞ and the cost is ∞"
    assert kinds["0·∞"].startswith("∂L/∂A = -Y/A + (1 - Y)/(1 - A) is ∞ and σ'(Z) = A(1 - A) is 0 in 1 entries")
    assert finding.line == "dZ = A - Y"


def test_scalar_cost_points_at_the_backward_step():
    w, b = sympy.symbols("w b")
    explanation = symopt.explain(sympy.log(w) * b, [w, b], at={w: 0, b: 1})
    assert explanation.finding(w).line == "dw = b/w"
    assert explanation.finding(b).causes == (("not finite", "db is not finite here: u = log(w) = -∞ at w = 0"),)


def test_text_and_notebook_displays():
    cost, wrt = tanh_network()
    explanation = symopt.explain(cost, wrt, data=data(2, 1))
    text = str(explanation)
    assert text.splitlines()[0] == "explain (m = 6)"
    assert "  W₁: 0 in every entry" in text and "    at dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²)" in text
    markdown = explanation._repr_markdown_()
    assert markdown.startswith("**explain** (m = 6)\n\n| parameter | gradient | cause | line |")
    assert "| W₁ | 0 in every entry | **zero weights**: W₂ = 0" in markdown
    assert "<td>W₁</td><td>0 in every entry</td><td><b>zero weights</b>" in explanation._repr_html_()


def test_a_saturated_output_with_the_squared_error():
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    W, b = symopt.Variable("W", 0.0, shape=(1, 3)), symopt.Variable("b", 0.0, shape=(1,))  # a rank-1 bias
    cost = ops.mean(ops.square(ops.sigmoid(ops.bias_add(ops.matmul(W, X), b)) - Y))
    point = {"X": [[1.0, -1.0, 2.0, -2.0], [0.5, 0.5, -0.5, -0.5], [1.0, 1.0, 1.0, -1.0]], "Y": [[1.0, 0.0, 1.0, 0.0]]}
    finding = symopt.explain(cost, [W, b], at={"W": [[100.0, 200.0, 300.0]]}, data=point).finding(b)
    assert finding.status in ("zero", "vanishing")  # σ' underflows to exactly 0 in float64 for some entries
    assert finding.causes == (("saturated", "the output saturates: σ'(Z) = A(1 - A) < 1e-08 in 1 of 4 entries, "
                                            "and dZ with it; the other 3 are fitted (A ≈ Y)"),)  # A = 1 for Y = 0
    assert finding.line == "dZ = 2A(1 - A)(A - Y)"
