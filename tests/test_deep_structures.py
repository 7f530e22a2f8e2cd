"""Size never decides: deep chains build, draw and derive without recursion, with work bounded per level.

Assertions are on counts of work (node visits), never on time."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import matrix_shapes, operators, ops
from symopt.display import graph_ops
from symopt.errors import ShapeError


def nested_sigmoids(depth: int):
    x = symopt.Placeholder("x")
    value, parameters = x, []
    for k in range(depth):
        w = symopt.Variable(f"w{k}", 0.5)
        parameters.append(w)
        value = symopt.sigmoid(w * value)
    return value, parameters


def tanh_network(depth: int, width: int = 3):
    X = symopt.Placeholder("X", (None, width))
    hidden = X
    for layer in range(depth):
        W = symopt.Variable(f"W{layer}", np.zeros((width, width)))
        b = symopt.Variable(f"b{layer}", np.zeros((1, width)))
        hidden = ops.tanh(ops.bias_add(hidden @ W, b))
    return hidden


def test_shape_of_a_new_layer_visits_a_bounded_number_of_nodes(count_calls):
    """Each node's shape is found once and kept: building layer d does not walk the d layers below it."""
    visits = count_calls(matrix_shapes, "shape_operands")  # where matrix_shape looks it up
    per_layer = []
    hidden = tanh_network(1)
    for layer in range(1, 300):
        before = len(visits)
        W = symopt.Variable(f"W{layer}", np.zeros((3, 3)))
        b = symopt.Variable(f"b{layer}", np.zeros((1, 3)))
        hidden = ops.tanh(ops.bias_add(hidden @ W, b))
        per_layer.append(len(visits) - before)
    assert 0 < min(per_layer) and max(per_layer) <= 12, per_layer  # counted (the patch is where it is looked up)
    assert max(per_layer[-50:]) == max(per_layer[:50])  # no growth with depth
    assert hidden.shape == (symopt.BATCH, 3)


def test_a_thousand_layer_network_builds_and_knows_its_shape():
    network = tanh_network(1000)
    assert network.shape == (symopt.BATCH, 3)
    assert operators.dimension(sympy.Transpose(network), 0) == 3  # (.T: SymPy distributes it, recursively)


def test_graph_of_a_deep_chain_visits_each_operation_once(count_calls):
    depth = 700  # a recursive walk overflows Python's stack at ~300 levels
    cost, _ = nested_sigmoids(depth)
    labels = count_calls(graph_ops, "operation")
    nodes = symopt.graph(cost, "ops").nodes()
    assert len(labels) == 2 * depth  # one product and one sigmoid per level, each visited once
    assert sum(node.kind == "operation" for node in nodes) == 2 * depth
    assert nodes[-1].lines == ("σ", "J")


def test_values_graph_of_a_deep_chain_has_one_node_per_step():
    depth = 700
    cost, _ = nested_sigmoids(depth)
    nodes = symopt.graph(cost).nodes()
    assert sum(node.kind == "operation" for node in nodes) == 2 * depth


@pytest.mark.parametrize("build", [
    lambda X, W: (X @ W) ** 2,
    lambda X, W: ops.tanh(X @ W) ** 2,
    lambda X, W: sympy.MatrixSymbol("M", 3, 2) ** 2,
    lambda X, W: (X @ W).T ** 3,
], ids=["product", "elementwise", "sympy-symbol", "transpose"])
def test_power_of_a_non_square_matrix_expression_is_refused_at_construction(build):
    X = symopt.Placeholder("X", (None, 3))
    W = symopt.Variable("W", np.ones((3, 2)))
    with pytest.raises(ShapeError, match=r"given shape \(.*\).*symopt\.ops\.(square|power)\("):
        build(X, W)


def test_power_of_a_square_matrix_expression_stays_the_matrix_power():
    S = symopt.Variable("S", np.array([[1.0, 2.0], [3.0, 4.0]]))
    value = symopt.evaluate(ops.sum((S + S) ** 2))
    assert value == pytest.approx((4 * S.init @ S.init).sum())
    with pytest.raises(ShapeError, match=r"the exponent 1/2"):
        (S + S) ** sympy.Rational(1, 2)


def test_ops_power_is_the_elementwise_power():
    X = symopt.Placeholder("X", (None, 3))
    W = symopt.Variable("W", np.arange(6.0).reshape(3, 2))
    data = np.arange(12.0).reshape(4, 3)
    cost = ops.sum(ops.power(X @ W, 3))
    assert symopt.evaluate(cost, {X: data}) == pytest.approx(((data @ W.init) ** 3).sum())
    value, gradient = symopt.compile(cost, W)(W=W.init, X=data)
    np.testing.assert_allclose(gradient, data.T @ (3 * (data @ W.init) ** 2), rtol=1e-12)
    w = symopt.Variable("w", 2.0)
    assert ops.power(w, 3) == w ** 3


def _tanh_chain(depth: int):
    """``sum(tanh(... tanh(X W₀) ... W_{d-1}))``: a fresh expression, never hashed before (SymPy's first hash
    of a deep node recurses through everything below it)."""
    X = symopt.Placeholder("X", (None, 2))
    hidden, weights = X, []
    for layer in range(depth):
        W = symopt.Variable(f"W{layer}", np.eye(2))
        weights.append(W)
        hidden = ops.tanh(hidden @ W)
    return ops.sum(hidden), weights


def test_graph_and_derive_of_a_deep_network_need_no_recursion(count_calls):
    cost, weights = _tanh_chain(400)
    assert sum(node.kind == "operation" for node in symopt.graph(cost).nodes()) == 2 * 400 + 1
    from symopt.display import prepared, steps
    structures = count_calls(steps, "operands")
    preparing = count_calls(prepared, "operands")
    cost, weights = _tanh_chain(400)
    derivation = symopt.derive(cost, weights[-1:])
    assert len(derivation.forward.steps) == 2 * 400 + 1
    assert len(structures) + len(preparing) <= 12 * len(derivation.forward.steps)  # each node's operands read a bounded number of times


def test_the_cost_of_a_deep_network_is_written_with_plain_operators():
    """``hidden - Y`` and ``ops.mean`` on 400 layers: SymPy's doit(), sort keys and first hash recursed."""
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 3))
    hidden = X
    for layer in range(400):
        hidden = ops.tanh(hidden @ symopt.Variable(f"W{layer}", np.eye(3)))
    cost = ops.mean(ops.square(hidden - Y)) + ops.sum(-hidden + Y)
    from symopt.traversal import free_symbols  # SymPy's own .free_symbols recurses
    assert {X, Y} <= free_symbols([cost])


def test_shallow_matrix_sums_keep_sympys_canonical_form():
    A = sympy.MatrixSymbol("A", 2, 2)
    B = sympy.MatrixSymbol("B", 2, 2)
    assert A + A == 2 * A
    assert A - A == sympy.ZeroMatrix(2, 2)
    assert B + A == A + B


def test_derivation_of_a_deep_chain_keeps_every_line_small_and_its_gradient_exact():
    """Each backward value keeps the adjoint of a consumer whose value is large instead of multiplying it out
    (a chain of K steps was O(K²) to derive: 2000 sigmoids took 285 s); the gradient is expanded when asked."""
    from symopt.display.ordering import tree_size
    from symopt.display.tidy import TIDY_LIMIT
    depth = 150
    cost, weights = nested_sigmoids(depth)
    derivation = symopt.derive(cost, [weights[0], weights[1]])
    assert derivation.notation == "code"
    assert max(tree_size(step.value, 4 * TIDY_LIMIT) for step in derivation.backward) <= 2 * TIDY_LIMIT
    x = next(iter(symopt.traversal.free_symbols([cost]) - set(weights)))
    point = {x: 0.7, **{w: 0.5 + 0.001 * k for k, w in enumerate(weights)}}
    _, gradients = symopt.compile(cost, weights[:2])(point)
    for weight, expected in zip(weights[:2], gradients):
        assert symopt.evaluate(derivation.gradient[weight], point) == pytest.approx(expected, rel=1e-12)


def test_printing_a_deep_product_never_negates_it_to_find_its_precedence(monkeypatch):
    """SymPy's precedence of a product asks could_extract_minus_sign, which negates a matrix product and walks
    all of it: evaluate of a bias-free 128-layer ReLU network printed in 8.5 s (0.26 s now).  The printer decides
    a matrix product's precedence from its coefficient."""
    calls = []
    original = sympy.MatMul.could_extract_minus_sign
    monkeypatch.setattr(sympy.MatMul, "could_extract_minus_sign",
                        lambda self: calls.append(1) or original(self))
    X = symopt.Placeholder("X", (None, 3))
    h = X
    for layer in range(12):
        h = ops.relu(h @ symopt.Variable(f"W{layer}", 0.3 * np.eye(3)))
    value = symopt.evaluate(ops.sum(h), {X: np.ones((2, 3))})
    assert value == pytest.approx(6 * 0.3 ** 12) and not calls


def test_a_deep_elementwise_chain_minus_the_labels_is_done_once_per_layer(monkeypatch):
    # `H @ w - y` runs SymPy's doit over the chain tanh.(tanh.(...) @ W) @ w: each layer's doit must do its operand
    # once (it did it twice, 2**depth calls: 18 s to build 16 layers, a 64-layer network never built)
    from symopt.nodes import Elementwise
    calls = []
    real = Elementwise.doit
    monkeypatch.setattr(Elementwise, "doit", lambda self, **hints: calls.append(1) or real(self, **hints))
    depth = 12  # 4096 calls before: a test that fails fast on the old code
    X, y = symopt.Placeholder("X", (None, 8)), symopt.Placeholder("y", (None, 1))
    H = X
    for i in range(depth):
        H = ops.tanh(H @ symopt.Variable(f"W_chain{i}", 0.0, shape=(8, 8)))
    residual = H @ symopt.Variable("w_chain", 0.0, shape=(8, 1)) - y
    assert residual.shape == (symopt.BATCH, 1)
    assert len(calls) <= 4 * depth


def test_the_operations_drawing_of_a_deep_scalar_chain_needs_no_deeper_recursion_than_the_values_one():
    """probe23 P23-1: a 220-level ``sin`` chain with a term added at each level (as SymPy users build it) drew by
    values but not by operations: SymPy's sort keys of each sum and comparisons of each node with the cost recursed
    once per level, a DepthLimitError at 150 levels."""
    x, y = sympy.symbols("x y")
    chain = x
    for _ in range(220):
        chain = sympy.sin(chain) + y * 0.001
    ops_drawing = symopt.graph(chain, style="ops")
    assert ops_drawing.svg().count("sin") >= 220
    assert len(symopt.graph(chain, style="values", at={x: 0.3, y: 0.2}).nodes()) > 220


def test_a_sum_of_numbered_adjoints_reads_in_forward_order():
    """probe23 P23-12: ``dJ/dy`` of a 12-level chain listed ``du₁₀ + du₁₂ + du₂ + ...`` (names ordered as strings);
    the adjoints now follow their steps' forward order, as the steps' own values do."""
    x, y = sympy.symbols("x y")
    chain = x
    for _ in range(12):
        chain = sympy.sin(chain) + y / 1000
    line = [row for row in str(symopt.derive(chain, [x, y], at={x: 0.3, y: 0.2})).splitlines() if "dJ/dy" in row][-1]
    assert "du₂ + du₄ + du₆ + du₈ + du₁₀ + du₁₂ + du₁₄" in line


def test_a_variable_keeps_its_name_beside_a_plain_sympy_symbol_of_the_same_name():
    """probe23 P23-10: the Variable, made first, printed as q′ beside a plain SymPy q (which has no time of making
    and sorted before it); symopt's symbols keep the name, the plain one is primed."""
    q, plain = symopt.Variable("q", 1.0), sympy.Symbol("q")
    lines = str(symopt.derive(q ** 2 * plain, [q, plain], at={q: 2, plain: 3})).splitlines()
    assert lines[0] == "forward (q = 2, q′ = 3)" and "u = q² = 4" in lines[1]


def test_a_sum_keeps_a_small_coefficient_rather_than_growing_another_term():
    """probe23 P23-7: ``sin(x) + y/1000`` nested showed ``v = 1000u + y = 295.72``, 1000 times any value the cost
    computes, from factoring the 1/1000 out of the sum; SymPy's own distribution (``3a + 3bc``) is still undone."""
    from symopt.display.prepared import _numeric_content
    x, y = sympy.symbols("x y")
    a, b, c = sympy.symbols("a b c")
    chain = x
    for _ in range(2):
        chain = sympy.sin(chain) + y / 1000
    lines = str(symopt.derive(chain, [x, y], at={x: 0.3, y: 0.2})).splitlines()
    assert "  v = u + y/1000 = 0.29572" in lines and "  J = w + y/1000 = 0.291629" in lines
    assert str(_numeric_content(3 * a + 3 * b * c)) == "3*(a + b*c)"
    assert str(_numeric_content(a / 2 + b / 2)) == "(a + b)/2"
