"""probe51 P51-1, P51-3 and P51-5: arrays of other libraries as data.

P51-1: a torch tensor that requires grad (a model's output) raised torch's bare ``RuntimeError`` ("Can't call numpy()
on Tensor that requires grad"); it is read detached, since symopt never differentiates through torch, and a
bfloat16 one as its float32 values.  P51-3: a torch (or TensorFlow) tensor fed to a float32 program (the JAX
backend's default) was a bare ``AttributeError: 'torch.dtype' object has no attribute 'kind'``.  P51-5: a SciPy
sparse matrix was taken for out-of-core data ("pass batch_size"), then called "ragged nested lists"; it is refused
naming ``.toarray()``.

The stand-in below behaves as torch's tensor does where symopt reads it (its module, ``requires_grad``, ``detach``,
``__array__`` refusing while it requires grad, a dtype with no NumPy ``kind``), so these run without torch; the tests
marked with ``importorskip`` run with torch and JAX installed (probe51 ran them with torch 2.13 and JAX 0.10.2)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse

import symopt
from symopt import ops
from symopt.errors import FeedError


class _TorchDtype:
    """A dtype with no NumPy ``kind`` (torch.float64 has ``itemsize`` and ``is_floating_point``)."""

    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"torch.{self.name}"


class Tensor:
    __module__ = "torch"

    def __init__(self, array, requires_grad=False, dtype=None):
        self._array, self.requires_grad = np.asarray(array), requires_grad
        self.dtype = _TorchDtype(dtype or str(self._array.dtype))
        self.shape = self._array.shape

    def detach(self):
        return Tensor(self._array, dtype=self.dtype.name)

    def float(self):
        return Tensor(self._array.astype(np.float32))

    def __array__(self, dtype=None, copy=None):
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        if self.dtype.name == "bfloat16":
            raise TypeError("Got unsupported ScalarType BFloat16")
        return self._array if dtype is None else self._array.astype(dtype)


X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W_p51", np.zeros((3, 1)), shape=(3, 1))
COST = ops.mean(ops.square(X @ W - y))
XC = np.arange(12.0).reshape(4, 3) / 10
YC = np.ones((4, 1))
W0 = np.array([[0.3], [-0.2], [0.1]])
HAND = float(np.mean((XC @ W0 - YC) ** 2))  # 0.8326


def test_a_tensor_that_requires_grad_is_read_detached():
    tensor = Tensor(XC, requires_grad=True)
    value, _ = symopt.compile(COST, W)({X: tensor, y: YC, W: W0})
    assert value == pytest.approx(HAND, rel=1e-15)
    assert symopt.evaluate(COST, {X: tensor, y: YC, W: W0}) == pytest.approx(HAND, rel=1e-15)
    result = symopt.minimize(COST, W, data={X: tensor, y: Tensor(YC, requires_grad=True)}, steps=3)
    oracle = symopt.minimize(COST, W, data={X: XC, y: YC}, steps=3)
    np.testing.assert_array_equal(result.params[W], oracle.params[W])


def test_a_tensor_of_another_dtype_in_a_float32_program():
    """The float32 program (the JAX backend's default) read ``dtype.kind`` of the tensor's dtype."""
    f = symopt.compile(COST, W, dtype="float32")
    value, _ = f({X: Tensor(XC), y: YC, W: W0})
    assert value == pytest.approx(HAND, rel=1e-6)
    bfloat = Tensor(XC.astype(np.float32), dtype="bfloat16")  # its values are float32 numbers here
    value, _ = f({X: bfloat, y: YC, W: W0})
    assert value == pytest.approx(float(np.mean((XC.astype(np.float32) @ W0 - YC) ** 2)), rel=1e-6)


def test_a_sparse_matrix_is_refused_naming_toarray():
    sparse = scipy.sparse.random(8, 3, density=0.5, format="csr", random_state=0)
    labels = np.ones((8, 1))
    expected = ("value for X (shape (None, 3)): expected a dense array of numbers; given a scipy.sparse csr_matrix of "
                "shape (8, 3), and symopt's generated code computes on dense arrays. Pass it dense, sparse.toarray(), "
                "where that fits in memory (8 x 3 numbers), or train on a stream of dense mini-batches, made fresh "
                "for each epoch by a function: data=lambda: ({X: sparse[i:i + 256].toarray(), y: labels[i:i + 256]} "
                "for i in range(0, m, 256))")  # a function: a generator serves one epoch (final40b F40b-5)
    calls = [lambda: symopt.compile(COST, W)({X: sparse, y: labels, W: W0}),
             lambda: symopt.evaluate(COST, {X: sparse, y: labels}),
             lambda: symopt.minimize(COST, W, data={X: sparse, y: labels}, steps=2),
             lambda: symopt.minimize(COST, W, data={X: sparse, y: labels}, batch_size=4, epochs=1)]
    for call in calls:
        with pytest.raises(FeedError) as caught:
            call()
        assert str(caught.value) == expected
    dense = symopt.evaluate(COST, {X: sparse.toarray(), y: labels, W: W0})  # the fix, against hand NumPy
    assert dense == pytest.approx(float(np.mean((sparse.toarray() @ W0 - labels) ** 2)), rel=1e-15)


def test_real_torch_tensors_on_both_backends():
    torch = pytest.importorskip("torch")
    pytest.importorskip("jax")
    for backend in ("numpy", "jax"):
        f = symopt.compile(COST, W, backend=backend)
        for feed in ({X: torch.tensor(XC), y: YC, W: W0}, {X: torch.tensor(XC, dtype=torch.float32), y: YC, W: W0},
                     {X: XC, y: YC, W: torch.tensor(W0)}, {X: torch.tensor(XC, requires_grad=True), y: YC, W: W0},
                     {X: torch.tensor(XC, dtype=torch.bfloat16), y: YC, W: W0}):
            value, _ = f(feed)
            assert float(value) == pytest.approx(HAND, rel=1e-2 if feed[X].__class__ is not np.ndarray and
                                                 str(getattr(feed[X], "dtype", "")) == "torch.bfloat16" else 1e-6)
        result = symopt.minimize(COST, W, data={X: torch.tensor(XC), y: torch.tensor(YC)}, steps=3, backend=backend)
        oracle = symopt.minimize(COST, W, data={X: XC, y: YC}, steps=3, backend=backend)
        np.testing.assert_allclose(np.asarray(result.params[W]), np.asarray(oracle.params[W]), rtol=1e-6)


def test_a_torch_tensor_that_requires_grad_starts_a_variable_and_a_run():
    """final40b F40b-13: starting symopt's parameters from a torch model's weights (a tensor that requires grad, or
    bfloat16) was torch's bare RuntimeError: only data went through the detaching conversion."""
    weights = Tensor([[0.25], [-0.5]], requires_grad=True)
    W = symopt.Variable("W_init", weights)
    assert symopt.evaluate(ops.sum(W), {}) == -0.25  # the weights, read detached
    assert symopt.evaluate(symopt.Variable("B_init", Tensor([[1.5]], dtype="bfloat16"), shape=(1, 1))[0, 0], {}) \
        == 1.5
    w = symopt.Variable("w_start", 0.0)
    result = symopt.minimize((w - 1) ** 2, {w: Tensor(0.5, requires_grad=True)}, steps=2,
                             optimizer=symopt.GradientDescent(0.25))
    assert result[w] == pytest.approx(0.875)  # hand GD: 0.5 -> 0.75 -> 0.875
