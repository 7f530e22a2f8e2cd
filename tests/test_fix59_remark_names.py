"""P59-9: the one-hot remark of a softmax network names the matrices the derivation shows: with an input named A
(the layers' activations are then H₁, H₂, as docs/display.md says) and labels T, softmax and log cancel to H₂ - T.
"""
import symopt
from symopt import ops
from symopt.display import derive


def test_the_one_hot_remark_uses_the_renamed_activation_and_the_labels_name():
    A = symopt.Placeholder("A", shape=(None, 4))
    T = symopt.Placeholder("T", shape=(None, 3))
    W1, b1 = symopt.Variable("W1", 0.1, shape=(4, 5)), symopt.Variable("b1", 0.0, shape=(1, 5))
    W2, b2 = symopt.Variable("W2", 0.1, shape=(5, 3)), symopt.Variable("b2", 0.0, shape=(1, 3))
    derivation = derive(ops.softmax_cross_entropy(ops.bias_add(ops.relu(ops.bias_add(A @ W1, b1)) @ W2, b2), T),
                        [W1, b1, W2, b2])
    assert "T is one-hot (each example's labels sum to 1), so softmax and log cancel to H₂ - T)" in str(derivation)
    latex = derivation.latex().replace("} \\\\\n&\\qquad \\text{", " ")  # a long remark continues on rows of its own
    assert r"\text{$T$ is one-hot (each example's labels sum to 1), so softmax and log cancel to $H_{2} - T$}" in latex
