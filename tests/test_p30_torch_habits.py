"""probe30 P30-6: PyTorch's tensor habits on symopt expressions (.item(), .sum(), .numpy(), .backward(), Z > 0) and
minimize(cost) without wrt are symopt errors naming what to write; P30-5: a warm start from result.params restarts
the optimizer state (docs/api.md), resume_from continues it (checked against one uninterrupted run)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, UnsupportedOperationError

X = symopt.Placeholder("X", (None, 4))
Y = symopt.Placeholder("Y", (None, 3))
W = symopt.Variable("W", 0.0, shape=(4, 3))
Z = X @ W


@pytest.mark.parametrize("call, said", [
    (lambda: ops.softmax_cross_entropy(Z, Y).item(), r"\.item\(\): a PyTorch tensor's method.*symopt\.evaluate\("),
    (lambda: ops.softmax_cross_entropy(Z, Y).backward(), r"symopt\.grad\(cost, W\)"),
    (lambda: Z.sum(), r"\(X\*W\)\.sum\(\): numpy\.sum\(z\) and PyTorch.*symopt\.ops\.sum\(X\*W\)"),
    (lambda: Z.mean(axis=0), r"symopt\.ops\.mean\(X\*W\)"),
    (lambda: W.numpy(), r"^W\.numpy\(\).*result\[W\]"),
    (lambda: W.detach(), "no graph to cut"),
    (lambda: symopt.Variable("w", 0.5).item(), r"symopt\.evaluate\(w, data\)"),
    (lambda: Z > 0, r"X\*W > 0.*symopt\.evaluate\(X\*W, data\) > 0"),
    (lambda: Z <= 1, r"X\*W <= 1"),
])
def test_tensor_habits_name_symopts_spelling(call, said):
    with pytest.raises(UnsupportedOperationError, match=said):
        call()


def test_what_sympy_and_numpy_do_with_them_is_unchanged():
    w = symopt.Variable("w", 0.5)
    assert isinstance(w > 0, sympy.StrictGreaterThan)
    assert sympy.ImmutableMatrix([[1, 2]]) == sympy.ImmutableMatrix([[1, 2]])
    assert np.sum(np.array([w, w])) == 2 * w
    assert not hasattr(sympy.Matrix([1, 2]), "sum")


def test_minimize_without_wrt_names_the_parameters_to_list():
    with pytest.raises(ConfigurationError, match=r"minimize\(cost, wrt\): expected wrt, the parameters to train.*"
                                                 r"symopt\.minimize\(cost, \[W, b\]\)"):
        symopt.minimize(ops.softmax_cross_entropy(Z, Y), data={X: np.ones((2, 4)), Y: np.eye(3)[[0, 1]]})


def test_a_warm_start_restarts_the_optimizer_and_resume_continues_it(tmp_path):
    rng = np.random.default_rng(0)
    Xs = symopt.Placeholder("Xs", (None, 3))
    y = symopt.Placeholder("y", (None, 1))
    V = symopt.Variable("V", 0.0, shape=(3, 1))
    cost = ops.mean(ops.square(Xs @ V - y))
    data = {Xs: rng.normal(size=(20, 3)), y: np.ones((20, 1))}
    run = dict(data=data, optimizer=symopt.Adam(0.05), batch_size=8, seed=0)
    path = tmp_path / "run.npz"
    first = symopt.minimize(cost, V, epochs=2, checkpoint=path, **run)
    whole = symopt.minimize(cost, V, epochs=4, **run)
    resumed = symopt.minimize(cost, V, epochs=4, resume_from=path, **run)
    warm = symopt.minimize(cost, first.params, epochs=2, **run)
    np.testing.assert_array_equal(resumed[V], whole[V])
    assert not np.array_equal(warm[V], whole[V])  # Adam's moments, beta powers and the shuffling start afresh
    fresh = symopt.minimize(cost, {V: first[V]}, epochs=2, **run)
    np.testing.assert_array_equal(warm[V], fresh[V])
