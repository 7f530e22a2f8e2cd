"""Round 8, d-core: names in derivations never read as something else (u-probe U7)."""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.cli import main

from counting import args_reads


def test_an_input_named_d_is_never_juxtaposed_like_a_differential(capsys):
    assert main(["derive", "d*w^2 + 3*w", "--wrt", "w,d", "--at", "w=2,d=3"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "forward (d = 3, w = 2)", "  u = w² = 4", "  v = d·u = 12", "  J = v + 3w = 18",
        "backward", "  dJ/dv = 1", "  dJ/du = dJ/dv · dv/du = d = 3",
        "  dJ/dw = dJ/du · du/dw + ∂J/∂w = 2d·w + 3 = 15",  # hand: 2·3·2 + 3
        "  dJ/dd = dJ/dv · dv/dd = u = 4",
        "gradient", "  dJ/dw = 2d·w + 3 = 15", "  dJ/dd = w² = 4"]


def _logistic(weight: str, bias: str, labels: str):
    X = symopt.Placeholder("X", (2, None))
    Y = symopt.Placeholder(labels, (1, None))
    W = symopt.Variable(weight, 0.0, shape=(1, 2))
    b = symopt.Variable(bias, 0.0, shape=(1, 1))
    return X, Y, W, b, ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(W, X), b), Y)


def test_the_course_form_loss_is_renamed_when_a_weight_is_named_l():
    X, Y, W, b, J = _logistic("L", "b", "Y")
    assert str(symopt.derive(J, [W, b])).splitlines() == [
        "forward", "  Z = L X + b", "  A = σ(Z)", "  ℓ = softplus(Z) - Y·Z", "  J = (1/m) Σ ℓ",
        "backward (dZ = m·∂J/∂Z, the gradient of each example's loss ℓ; Σ sums over the examples, axis 1, "
        "dimensions kept)",
        "  dZ (1×m) = A - Y", "  dL (1×2) = (1/m) dZ (1×m) · Xᵀ (m×2)", "  db (1×1) = (1/m) Σ dZ (1×m)"]


def test_the_course_form_takes_other_letters_where_inputs_are_named_z_and_a():
    X, A, Z, b, J = _logistic("Z", "b", "A")
    features, labels, weight, bias = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[1.0, 0.0]]), [[0.5, -0.25]], [[0.1]]
    shown = str(symopt.derive(J, [Z, b], at={X: features, A: labels, Z: weight, b: bias})).splitlines()
    assert shown[:3] == ["forward (m = 2)", "  S = Z X + b = [[0.6, 0.85]]",  # hand: 0.5 + 0.1, 1 - 0.25 + 0.1
                         "  H = σ(S) = [[0.6457, 0.7006]]"]
    assert shown[5].startswith("backward (dS = m·∂J/∂S, ")
    assert shown[6:] == ["  dS (1×m) = H - A = [[-0.3543, 0.7006]]",
                         "  dZ (1×2) = (1/m) dS (1×m) · Xᵀ (m×2) = [[0.5234, 0.3503]]",
                         "  db (1×1) = (1/m) Σ dS (1×m) = [[0.1731]]"]
    _, (dZ, db) = symopt.compile(J, [Z, b])(X=features, A=labels, Z=np.array(weight), b=np.array(bias))
    np.testing.assert_allclose(dZ, [[0.5234, 0.3503]], atol=5e-5)
    np.testing.assert_allclose(db, [[0.1731]], atol=5e-5)
    z = np.array([0.6, 0.85])  # hand NumPy: dS = σ(z) - y, dZ = dS Xᵀ / m
    np.testing.assert_allclose((1 / (1 + np.exp(-z)) - [1.0, 0.0]) @ features.T / 2, dZ[0])


def test_a_shared_sigmoid_is_one_step_under_a_log_and_drawn_as_log():
    """SymPy's doit composes log.(σ.(Z)) into one map (log∘σ).(Z): the graph re-derived σ(r) and drew it as `map`."""
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    A2 = ops.sigmoid(ops.bias_add(ops.matmul(W2, ops.tanh(ops.bias_add(ops.matmul(W1, X), b1))), b2))
    ones = sympy.OneMatrix(*A2.shape)
    J = -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]
    steps = str(symopt.graph(J)).splitlines()[7:]
    assert steps == ["u = 𝟙 - Y  ← Y", "v = W₁X  ← W₁, X", "Z₁ = v + b₁·𝟙  ← v, b₁", "A₁ = tanh(Z₁)  ← Z₁",
                     "p = W₂A₁  ← W₂, A₁", "Z₂ = p + b₂·𝟙  ← p, b₂", "A₂ = σ(Z₂)  ← Z₂", "q = 𝟙 - A₂  ← A₂",
                     "r = log(q)  ← q", "s = u∘r  ← u, r", "t = log(A₂)  ← A₂", "u₁ = t∘Y  ← t, Y",
                     "u₂ = s + u₁  ← s, u₁", "u₃ = sum(u₂)  ← u₂", "J = -u₃/m  ← u₃, m"]  # x5: the layers as derive
    drawn = str(symopt.graph(J, style="ops"))  # names them (f-probe F14); no step w beside W₁, W₂ (P20-14)
    assert "map" not in drawn and "t: log  ← A₂" in drawn


def test_the_course_form_counts_examples_with_n_where_an_input_is_named_m():
    """U7: a bias named m printed `Z = L X + m` and `J = (1/m) Σ L` with m the count too."""
    X, Y, L, m, J = _logistic("L", "m", "Y")
    features, labels = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[1.0, 0.0]])
    shown = symopt.derive(J, [L, m], at={X: features, Y: labels, L: [[0.5, -0.25]], m: [[0.1]]})
    assert str(shown).splitlines() == [
        "forward (n = 2)", "  Z = L X + m = [[0.6, 0.85]]", "  A = σ(Z) = [[0.6457, 0.7006]]",
        "  ℓ = softplus(Z) - Y·Z = [[0.4375, 1.2059]]", "  J = (1/n) Σ ℓ = 0.8217",
        "backward (dZ = n·∂J/∂Z, the gradient of each example's loss ℓ; Σ sums over the examples, axis 1, "
        "dimensions kept)",
        "  dZ (1×n) = A - Y = [[-0.3543, 0.7006]]",
        "  dL (1×2) = (1/n) dZ (1×n) · Xᵀ (n×2) = [[0.5234, 0.3503]]",
        "  dm (1×1) = (1/n) Σ dZ (1×n) = [[0.1731]]"]
    assert symopt.derive(J, [L, m], notation="code").code().splitlines() == [
        "dZ = A - Y  # (1×n)", "dL = 1/n * dZ @ X.T  # (1×2)", "dm = 1/n * np.sum(dZ, axis=1, keepdims=True)  # (1×1)"]
    _, (dL, dm) = symopt.compile(J, [L, m])(X=features, Y=labels, L=np.array([[0.5, -0.25]]), m=np.array([[0.1]]))
    np.testing.assert_allclose(dL, [[0.5234, 0.3503]], atol=5e-5)  # the numbers shown are the compiled gradient's
    np.testing.assert_allclose(dm, [[0.1731]], atol=5e-5)


def test_the_display_walks_a_shared_dag_once_not_its_tree(monkeypatch):
    """a-probe A16: derive/graph/explain of e ← sin(e) + cos(e), n times, walked the 2ⁿ-node tree (operands' depth,
    SymPy's has), 10 s at n = 20; the DAG has 2n nodes and the output grows linearly."""
    w = symopt.Variable("w", 0.3)

    def nested(depth):
        e = w
        for _ in range(depth):
            e = sympy.sin(e) + sympy.cos(e)
        return e
    for show in (lambda e: str(symopt.derive(e, w)), lambda e: str(symopt.graph(e)),
                 lambda e: str(symopt.explain(e, w, at={w: 0.01}))):
        shallow, deep = (nested(depth) for depth in (8, 16))
        reads = [args_reads(monkeypatch, lambda e=e: show(e)) for e in (shallow, deep)]
        assert reads[1] < 4 * reads[0], reads  # linear: about 2x for twice the depth (the tree: 256x)
    gradient = symopt.grad(nested(3), [w])[0]  # the numbers shown are grad's: checked against sympy.diff
    assert sympy.simplify(gradient - sympy.diff(nested(3), w)) == 0


def _tanh_network(layers: int) -> tuple:
    """``(X, Y, parameters, cost)`` of a tanh MLP of ``layers`` hidden layers of width 4, weights 0.1, and a
    sigmoid cross-entropy output."""
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 1))
    h, params, width = X, [], 3
    for i in range(layers):
        W = symopt.Variable(f"W{i}", np.full((width, 4), 0.1), shape=(width, 4))
        b = symopt.Variable(f"b{i}", 0.0, shape=(1, 4))
        h, width = ops.tanh(ops.bias_add(h @ W, b)), 4
        params += [W, b]
    Wo = symopt.Variable("Wo", np.full((4, 1), 0.1), shape=(4, 1))
    return X, Y, params + [Wo], ops.sigmoid_cross_entropy(h @ Wo, Y)


def test_a_deep_network_derives_in_the_course_form_without_recursion():
    """a-probe A17: the course form keyed layers by srepr (a recursive printer of everything below): a 128-layer
    tanh MLP raised RecursionError, and the work grew with the square of the depth."""
    _, _, params, cost = _tanh_network(128)
    lines = str(symopt.derive(cost, params)).splitlines()
    assert len(lines) == 5 * 128 + 8  # per layer Z, A forward and dZ, dW, db backward; one line each
    assert lines[1] == "  Z₁ = X W₀ + b₀" and lines[-1] == "  db₀ (1×4) = (1/m) Σ dZ₁ (m×4)"


def test_explain_calls_a_gradient_that_shrank_through_depth_vanishing_not_cancelled():
    """Found with A17's network: a 24-layer tanh MLP with weights 0.1 has dW₀ ~ 1e-11 because every layer above
    multiplies dZ by Wᵀ (0.4 in norm) and tanh' ≤ 1; explain said the examples' contributions "cancel"."""
    X, Y, params, cost = _tanh_network(24)
    rng = np.random.default_rng(0)
    data = {X: rng.normal(size=(16, 3)), Y: (rng.random((16, 1)) > 0.5) * 1.0}
    finding = symopt.explain(cost, params, data=data).finding(params[0])
    _, gradients = symopt.compile(cost, params)(**{str(p.name): p.init for p in params}, X=data[X], Y=data[Y])
    assert finding.status == "vanishing" and np.max(np.abs(gradients[0])) < 1e-8  # the compiled gradient agrees
    assert [kind for kind, _ in finding.causes] == ["vanishing through depth"]
    assert "each of the 24 layers above multiplies it by Wᵀ" in finding.causes[0][1]
    assert finding.line == "dZ₁ = dZ₂ W₁ᵀ ∗ (1 - A₁²)"


def test_derive_of_a_residual_network_walks_its_dag(monkeypatch):
    """e-probe E1b (a-probe A21): the course/penalty checks read the matrices of a residual network with SymPy's
    atoms and preorder_traversal, walks of the tree (16 blocks: 13 s)."""
    def residual(blocks):
        X, Y, params = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("Y", (None, 1)), []
        h = X
        for i in range(blocks):
            params.append(symopt.Variable(f"W{i}", 0.1, shape=(4, 4)))
            h = ops.matadd(h, ops.tanh(h @ params[-1]))
        params.append(symopt.Variable("Wo", 0.1, shape=(4, 1)))
        return ops.mean(ops.square(ops.matadd(h @ params[-1], -Y))), params
    reads = []
    for blocks in (6, 12):
        cost, params = residual(blocks)
        reads.append(args_reads(monkeypatch, lambda: str(symopt.derive(cost, params))))
    assert reads[1] < 4 * reads[0], reads  # about 1.5x for twice the blocks (the tree: 64x the paths)
