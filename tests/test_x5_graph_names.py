"""f-probe F14: ``graph`` of a recognised network names its layers as ``derive`` does (``Z₁``, ``A₁``, ``Z₂``), and
the "ops" drawing calls each node the values drawing has by the same name; F5.1: the cost's own name stays as
given in the "ops" drawing (it was ``L′``)."""

import sympy

import symopt
from symopt import ops


def _network():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = ops.bias_add(ops.matmul(W1, X), b1)
    Z2 = ops.bias_add(ops.matmul(W2, ops.tanh(Z1)), b2)
    return ops.sigmoid_cross_entropy(Z2, Y), [W1, b1, W2, b2], Z1


def test_graph_and_derive_of_a_network_use_the_same_layer_names():
    J, parameters, _ = _network()
    derived = str(symopt.derive(J, parameters)).splitlines()
    assert derived[1:4] == ["  Z₁ = W₁ X + b₁", "  A₁ = tanh(Z₁)", "  Z₂ = W₂ A₁ + b₂"]
    assert str(symopt.graph(J)).splitlines()[7:] == [
        "u = W₁X  ← W₁, X", "Z₁ = u + b₁·𝟙  ← u, b₁", "A₁ = tanh(Z₁)  ← Z₁", "v = W₂A₁  ← W₂, A₁",
        "Z₂ = v + b₂·𝟙  ← v, b₂", "p = softplus(Z₂)  ← Z₂", "q = Y∘Z₂  ← Y, Z₂", "r = p - q  ← p, q",
        "s = sum(r)  ← r", "J = s/m  ← s, m"]  # no step w beside W₁, W₂ (probe20 P20-14)


def test_the_ops_drawing_names_a_node_as_the_values_drawing_does():
    J, _, _ = _network()
    assert str(symopt.graph(J, style="ops")).splitlines()[7:] == [
        "u: matmul  ← W₁, X", "𝟙", "t: matmul  ← b₁, 𝟙", "Z₁: +  ← u, t", "A₁: tanh  ← Z₁", "v: matmul  ← W₂, A₁",
        "𝟙", "u₁: matmul  ← b₂, 𝟙", "Z₂: +  ← v, u₁", "p: softplus  ← Z₂", "q: ∘  ← Z₂, Y", "r: −  ← p, q",
        "s: sum  ← r", "J: ÷  ← s, m"]
    assert str(symopt.graph(J).with_style("ops")) == str(symopt.graph(J, style="ops"))


def test_a_name_given_for_a_layer_wins_in_both_drawings():
    J, _, Z1 = _network()
    named = {Z1: "H"}
    values = str(symopt.graph(J, names=named, steps="all"))
    assert "H = u + b₁·𝟙  ← u, b₁" in values and "A₁ = tanh(H)  ← H" in values
    assert "H: +  ← u, t" in str(symopt.graph(J, style="ops", names=named, steps="all"))


def test_the_cost_keeps_its_given_name_in_the_ops_drawing():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", ())
    L = -sympy.log(w**2 + x)
    assert str(symopt.graph(L, style="ops", names={L: "L"})).splitlines()[-1] == "L: neg  ← p"
    drawn = symopt.graph(L, names={L: "cost"}).with_style("ops")
    assert str(drawn).splitlines()[-1] == "cost: neg  ← p"
    assert '"cost" [label="neg\\ncost", shape=box];' in drawn.dot()
