"""probe30: other libraries' keywords given to symopt.ops, the schedule constructors (P30-3) and minimize (P30-4)
are ConfigurationErrors naming symopt's spelling; a function as the rate names symopt's schedules; 0-d JAX / torch
scalars are numbers as 0-d NumPy arrays are (P30-10)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

X = symopt.Placeholder("X", (None, 4))
Y = symopt.Placeholder("Y", (None, 3))
W = symopt.Variable("W", 0.0, shape=(4, 3))
Z = X @ W


@pytest.mark.parametrize("call, said", [
    (lambda: ops.sum(Z, dim=1), r"symopt.ops.sum\(\) takes no dim=: axis="),
    (lambda: ops.mean(Z, axis=1, keepdims=True), "keep both dimensions already"),
    (lambda: ops.softmax(Z, dim=1), "takes no dim=: axis="),
    (lambda: ops.log_softmax(Z, dim=-1), "takes no dim=: axis="),
    (lambda: ops.softmax_cross_entropy(input=Z, target=Y), r"\(logits, labels\)"),
    (lambda: ops.softmax_cross_entropy(Z, Y, reduction="sum"), "symopt.BATCH"),
    (lambda: ops.softmax_cross_entropy(Z, Y, label_smoothing=0.1), "smooth the labels you feed"),
    (lambda: ops.sigmoid_cross_entropy(Z, Y, pos_weight=2.0), "weighted loss"),
    (lambda: ops.sigmoid_cross_entropy(Z, Y, from_logits=True), "take logits"),
    (lambda: ops.leaky_relu(Z, negative_slope=0.01), r"leaky_relu\(z, 0.01\)"),
    (lambda: ops.leaky_relu(Z, alpha=0.01), r"leaky_relu\(z, 0.01\)"),
    (lambda: ops.bias_add(Z, W, axis=1), r"symopt.ops.bias_add\(\) got an unexpected keyword axis="),
    (lambda: ops.exp(Z, 3), r"symopt.ops.exp: expected at most 1 positional arguments \(x\); given 2\.$"),
    (lambda: symopt.ExponentialDecay(0.1, transition_steps=10, decay_rate=0.5), "decay_steps="),
    (lambda: symopt.CosineDecay(0.1, T_max=100), r"symopt.CosineDecay\(\) takes no T_max=: decay_steps="),
    (lambda: symopt.ExponentialDecay(0.1, 10, gamma=0.5), "decay_rate="),
    (lambda: symopt.CosineDecay(0.1, 100, eta_min=0.001), "alpha="),
    (lambda: symopt.ExponentialDecay(0.1, 10, 0.5, False, 3), r"at most 4 positional arguments .*given 5"),
])
def test_other_libraries_keywords_name_symopts_spelling(call, said):
    with pytest.raises(ConfigurationError, match=said):
        call()


def test_symopts_own_keywords_still_work():
    loss = ops.softmax_cross_entropy(logits=Z, labels=Y)
    assert loss == ops.softmax_cross_entropy(Z, Y)
    assert ops.sum(Z, axis=1).shape == ops.sum(Z, 1).shape
    schedule = symopt.ExponentialDecay(learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=True)
    assert schedule == symopt.ExponentialDecay(0.1, 10, 0.5, True)
    assert float(schedule(np.array([25]))[0]) == pytest.approx(0.1 * 0.5 ** 2, rel=1e-6)


@pytest.mark.parametrize("keyword, value, said", [
    ("scheduler", symopt.ExponentialDecay(0.1, 10, 0.5), r"optimizer=symopt.Adam\(symopt.ExponentialDecay"),
    ("lr_scheduler", symopt.ExponentialDecay(0.1, 10, 0.5), "a schedule is the optimizer's rate"),
    ("weight_decay", 0.01, r"symopt.AdamW\(0.001, weight_decay=0.01\).*l2_penalty"),
    ("max_grad_norm", 1.0, "clip_norm=1.0"),
    ("grad_clip", 1.0, "clip_norm=1.0 .* or clip_value=1.0"),
    ("drop_last", True, r"ceil\(m / batch_size\)"),
])
def test_minimize_advises_training_loop_keywords(keyword, value, said):
    cost = ops.mean(ops.square(Z))
    with pytest.raises(ConfigurationError, match=said):
        symopt.minimize(cost, W, data={X: np.ones((5, 4))}, **{keyword: value})


def test_a_function_as_the_rate_names_symopts_schedules():
    with pytest.raises(ConfigurationError, match=r"given the function .*symopt.ExponentialDecay\(0.1, 1000"):
        symopt.Adam(lambda step: 0.1 * 0.5 ** (step / 10))


class ZeroD:
    """A 0-d array of another library, read through __array__ (as jax.Array and torch.Tensor are)."""

    def __init__(self, value, dtype):
        self.value = np.asarray(value, dtype=dtype)

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)


def test_zero_d_arrays_of_other_libraries_are_numbers():
    assert symopt.Adam(ZeroD(0.1, np.float64)).hyperparameters["lr"] == np.float64(0.1)
    assert symopt.Adam(ZeroD(0.1, np.float32)).hyperparameters["lr"] == float(np.float32(0.1))
    w = symopt.Variable("w", 0.0)
    clipped = symopt.minimize((w - 3) ** 2, w, steps=5, clip_norm=ZeroD(1.0, np.float32))
    plain = symopt.minimize((w - 3) ** 2, w, steps=5, clip_norm=1.0)
    assert clipped[w] == plain[w]
    with pytest.raises(ConfigurationError, match="positive"):
        symopt.Adam(ZeroD([0.1], np.float64))  # one entry, not a number


def test_jax_and_torch_scalars_are_numbers():
    torch = pytest.importorskip("torch")
    jnp = pytest.importorskip("jax.numpy")
    assert symopt.Adam(torch.tensor(0.1, dtype=torch.float64)).hyperparameters["lr"] == np.float64(0.1)
    assert symopt.Adam(jnp.float32(0.1)).hyperparameters["lr"] == float(np.float32(0.1))
    w = symopt.Variable("w", 0.0)
    plain = symopt.minimize((w - 3) ** 2, w, steps=5, clip_norm=1.0)
    for limit in (torch.tensor(1.0), jnp.asarray(1.0)):
        assert symopt.minimize((w - 3) ** 2, w, steps=5, clip_norm=limit)[w] == plain[w]


@pytest.mark.parametrize("call, said", [
    (lambda w: symopt.minimize((w - 5)**2, {w: 0.0}, wrt={w: 1.0}), r"minimize\(cost, wrt\): wrt given twice"),
    (lambda w: symopt.compile(w**2, w, wrt=w), r"compile\(cost, wrt\): wrt given twice"),
    (lambda w: symopt.derive(w**2, w, wrt=w), r"derive\(cost, wrt\): wrt given twice"),
    (lambda w: symopt.ExponentialDecay(0.1, 10, 0.9, learning_rate=0.2), "learning_rate given twice, as positional "
                                                                         "argument 1")])
def test_a_keyword_repeating_a_positional_is_named(call, said):  # final37b F37b-4: Python's bare TypeError
    import sympy as sp
    with pytest.raises(ConfigurationError, match=said):
        call(sp.Symbol("w"))
