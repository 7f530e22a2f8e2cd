"""symopt.explain names dead ReLU units with their count and points at the line where (Z > 0) kills the gradient:
a ReLU output layer (derived as A = relu(Z), dZ = (Z > 0)/k), in both layouts, and a scalar relu(w x + b)."""

import numpy as np

import symopt
from symopt import ops
from symopt.display import derive


def rows_output_relu():
    """The lead's case: J = mean(relu(X W)), examples as rows, five output units."""
    X = symopt.Placeholder("X", (None, 3))
    W = symopt.Variable("W", 0.0, shape=(3, 5))
    return X, W, ops.mean(ops.relu(X @ W))


def columns_output_relu():
    X = symopt.Placeholder("X", (2, None))
    W, b = symopt.Variable("W", 0.0, shape=(3, 2)), symopt.Variable("b", 0.0)
    return X, W, b, ops.mean(ops.relu(ops.bias_add(ops.matmul(W, X), b)))


def test_a_relu_output_is_derived_as_relu_with_its_step():
    X, W, cost = rows_output_relu()
    assert str(derive(cost, W)) == """forward
  Z = X W
  A = relu(Z)
  L = A/5
  J = (1/m) Σᵢⱼ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss (the sum of its row of L); Σ sums over the examples, \
axis 0, dimensions kept; L has one entry per output and example (5 per example), so the cost line's Σᵢⱼ sums every \
entry of L (np.sum without axis))
  dZ (m×5) = (Z > 0)/5
  dW (3×5) = (1/m) Xᵀ (3×m) · dZ (m×5)"""
    assert str(derive(cost, W, notation="code")) == "dZ = (Z > 0)/5  # (m×5)\ndW = 1/m * X.T @ dZ  # (3×5)"


def test_every_output_unit_dead_rows():
    X, W, cost = rows_output_relu()
    data = {X: [[1.0, 2.0, 3.0], [0.5, 1.0, 0.0]]}
    explanation = symopt.explain(cost, W, at={W: -np.ones((3, 5))}, data=data)
    assert str(explanation) == """explain (m = 2)
  W: 0 in every entry
    dead ReLU: 5 of 5 units of Z are ≤ 0 for all 2 examples, so relu'(Z) = (Z > 0) is 0 in their columns
    at dZ = (Z > 0)/5"""
    _, (gradient,) = symopt.compile(cost, [W])({X: np.asarray(data[X]), W: -np.ones((3, 5))})
    assert not np.any(gradient)  # the compiled gradient agrees: every unit is dead


def test_some_output_units_dead_columns_text_markdown_html():
    X, W, b, cost = columns_output_relu()
    at = {W: [[1.0, 1.0], [-1.0, -1.0], [-2.0, 0.0]], b: 0.0}
    data = {X: [[1.0, 2.0, 0.5], [0.0, 1.0, 2.0]]}
    explanation = symopt.explain(cost, [W, b], at=at, data=data)
    assert str(explanation) == """explain (m = 3)
  W: 0 for 2 of 3 units
    dead ReLU: 2 of 3 units of Z are ≤ 0 for all 3 examples, so relu'(Z) = (Z > 0) is 0 in their rows
    at dZ = (Z > 0)/3
  b: fine: dJ/db = 0.333333"""
    assert explanation._repr_markdown_() == """**explain** (m = 3)

| parameter | gradient | cause | line |
|---|---|---|---|
| W | 0 for 2 of 3 units | **dead ReLU**: 2 of 3 units of Z are ≤ 0 for all 3 examples, so relu'(Z) = (Z > 0) \
is 0 in their rows | `dZ = (Z > 0)/3` |
| b | fine: dJ/db = 0.333333 | – | – |
"""
    assert ("<td>W</td><td>0 for 2 of 3 units</td><td><b>dead ReLU</b>: 2 of 3 units of Z are ≤ 0 for all 3 "
            "examples, so relu&#x27;(Z) = (Z &gt; 0) is 0 in their rows</td><td><code>dZ = (Z &gt; 0)/3</code></td>"
            ) in explanation._repr_html_()
    _, (gradient, _) = symopt.compile(cost, [W, b])({X: np.asarray(data[X]), W: np.asarray(at[W]), b: 0.0})
    assert np.all(gradient[1:] == 0) and np.any(gradient[0])  # units 2 and 3 dead, unit 1 alive
    # hand: only unit 1 is on (Z₁ = 1, 3, 2.5), so dJ/db = (1/3 units)·(1/3 examples)·3 = 1/3 (final45e 45e-5: signed)


def test_a_scalar_relu_that_is_off():
    w, b, x = symopt.Variable("w", -1.0), symopt.Variable("b", -1.0), symopt.Placeholder("x")
    squared = symopt.explain(ops.relu(w * x + b) ** 2, [w, b], data={x: 2.0})  # w, b take their initial values
    assert str(squared) == """explain (b = -1, w = -1, x = 2)
  w: zero: dJ/dw = 0
    dead ReLU: v = xw + b = -3 ≤ 0, so relu is off: p = relu(v) = 0 and its derivative step(v) = 0
    at dv = step(v)·dp
  b: zero: dJ/db = 0
    dead ReLU: v = xw + b = -3 ≤ 0, so relu is off: p = relu(v) = 0 and its derivative step(v) = 0
    at dv = step(v)·dp"""
    plain = symopt.explain(ops.relu(w * x + b), [w, b], at={w: 1.0, b: -2.0}, data={x: 2.0})
    assert plain.finding(w).causes == (("dead ReLU", "v = xw + b = 0 ≤ 0, so relu is off: J = relu(v) = 0 and its "
                                                     "derivative step(v) = 0"),)
    assert plain.finding(w).line == "dv = step(v)"


def test_a_scalar_relu_that_is_on_is_fine_and_zero_for_other_reasons_is_not_called_dead():
    w, b = symopt.Variable("w", 1.0), symopt.Variable("b", 0.0)
    assert symopt.explain(ops.relu(w + b), [w, b]).finding(w).status == "fine"
    zero_elsewhere = symopt.explain(ops.relu(w) * b, [w], at={w: 2.0, b: 0.0}).finding(w)
    assert zero_elsewhere.status == "zero" and zero_elsewhere.causes[0][0] != "dead ReLU"


def test_the_saturated_output_names_the_derivative_with_a_balanced_prime():
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    W = symopt.Variable("W", 0.0, shape=(1, 3))
    cost = ops.mean(ops.square(ops.sigmoid(ops.matmul(W, X)) - Y))
    data = {X: [[1.0, -1.0], [0.5, 0.5], [1.0, 1.0]], Y: [[1.0, 0.0]]}
    finding = symopt.explain(cost, W, at={W: [[-500.0, -900.0, 0.0]]}, data=data).finding(W)  # both wrong
    assert finding.causes == (("saturated", "the output saturates: σ'(Z) = A(1 - A) < 1e-08 in 2 of 2 entries, "
                                            "and dZ with it"),)
    assert finding.line == "dZ = 2A(1 - A)(A - Y)"


def test_a_dead_hidden_layer_with_examples_as_rows_and_a_scalar_bias():
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
    W1, b1 = symopt.Variable("W1", 0.1, shape=(2, 3)), symopt.Variable("b1", -5.0)
    W2, b2 = symopt.Variable("W2", 1.0, shape=(3, 1)), symopt.Variable("b2", 0.0)
    A1 = ops.relu(ops.bias_add(ops.matmul(X, W1), b1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(A1, W2), b2), Y)
    data = {X: [[1.0, 0.5], [0.0, 1.0], [2.0, -1.0]], Y: [[1.0], [0.0], [1.0]]}
    explanation = symopt.explain(cost, [W1, b1, W2, b2], data=data)
    dead = ("dead ReLU", "3 of 3 units of Z₁ are ≤ 0 for all 3 examples, so (Z₁ > 0) is 0 in their columns")
    for parameter in (W1, b1):
        assert explanation.finding(parameter).causes == (dead,)
        assert explanation.finding(parameter).line == "dZ₁ = dZ₂ W₂ᵀ ∗ (Z₁ > 0)"
    assert explanation.finding(W2).causes[0][0] == "zero input"
    assert explanation.finding(b2).status == "fine"
