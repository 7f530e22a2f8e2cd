"""probe90 P90-6: a CPU tensor NumPy cannot read because of its dtype (torch float8, complex32, quantized) is refused
naming the dtype and the conversion, not "Move it to the CPU first".  A stand-in with what symopt reads of a torch
tensor (``__dlpack__``, ``device.type``, ``dtype``, ``numpy()`` failing as torch's does), and real torch where
installed: torch's own ``t.float().numpy()`` reads it."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError


class Device:
    def __init__(self, kind):
        self.type = kind


class Tensor:
    """A torch tensor stand-in whose NumPy conversion fails as torch's does for a float8 tensor."""
    __module__ = "torch"

    def __init__(self, dtype="torch.float8_e4m3fn", device="cpu", quantized=False):
        self.dtype, self.device, self.is_quantized, self.shape = dtype, Device(device), quantized, (2, 2)

    def __dlpack__(self, *args, **kwargs):
        raise BufferError("not used")

    def __dlpack_device__(self):
        return (1, 0)

    def numpy(self):
        raise TypeError(f"Got unsupported ScalarType {self.dtype}")

    def __array__(self, dtype=None, copy=None):
        return self.numpy()


@pytest.mark.parametrize("tensor, fix", [(Tensor(), r"tensor\.float\(\)"),
                                         (Tensor("torch.complex32"), r"tensor\.real\.float\(\)"),
                                         (Tensor("torch.quint8", quantized=True), r"tensor\.dequantize\(\)")])
def test_a_cpu_tensor_of_a_dtype_numpy_lacks_names_the_conversion(tensor, fix):
    P = symopt.Placeholder("P", (None, 2))
    with pytest.raises(FeedError, match=rf"expected numbers of a dtype NumPy holds; .*Its dtype {tensor.dtype} has "
                                        rf"no NumPy equivalent: convert it first, .*{fix}") as refusal:
        symopt.evaluate(ops.sum(P), {P: tensor})
    assert "Move it to the CPU" not in str(refusal.value)
    with pytest.raises(ConfigurationError, match=rf"initial value of 'v': .*{fix}"):
        symopt.Variable("v", tensor, shape=(2, 2))


def test_a_gpu_tensor_is_still_told_to_move():
    P = symopt.Placeholder("P", (None, 2))
    with pytest.raises(FeedError, match=r"expected numbers in host memory; .*Move it to the CPU first"):
        symopt.evaluate(ops.sum(P), {P: Tensor("torch.float32", device="cuda")})


def test_real_torch_float8():
    torch = pytest.importorskip("torch")
    tensor = torch.tensor([[200.0, 255.0], [3.0, 4.0]]).to(torch.float8_e4m3fn)
    np.testing.assert_array_equal(tensor.float().numpy(), [[192, 256], [3, 4]])  # the advice works (float8 rounding)
    P = symopt.Placeholder("P", (None, 2))
    with pytest.raises(FeedError, match=r"torch\.float8_e4m3fn has no NumPy equivalent: convert it first, "):
        symopt.evaluate(ops.sum(P), {P: tensor})
