"""probe90 P90-5: a bfloat16 scalar (torch, JAX, ml_dtypes) as lr / clip_norm / beta1 is the number it holds, as a
float16 one is, not "not a positive finite number".  Oracle: float(bfloat16(0.1)) = 0.10009765625 (bfloat16 keeps 8
significant bits); one gradient-descent step on (w - 3)**2 from w = 1 is 1 + 4*lr = 1.400390625."""

import numpy as np
import pytest

import symopt

BFLOAT16_TENTH = 0.10009765625


class Bfloat16Scalar:
    """What symopt sees of ml_dtypes' bfloat16 scalar or a 0-d torch bfloat16 tensor: a dtype named bfloat16, shape
    (), ``float()``; NumPy's conversion gives no float kind (torch's fails)."""
    dtype, shape = "bfloat16", ()

    def __float__(self):
        return BFLOAT16_TENTH

    def __array__(self, dtype=None, copy=None):
        raise TypeError("Got unsupported ScalarType BFloat16")


def one_step(optimizer, **options):
    w = symopt.Variable("w", 1.0)
    return float(symopt.minimize((w - 3)**2, w, optimizer=optimizer, steps=1, **options)[w])


def test_a_bfloat16_learning_rate_is_its_value():
    assert one_step(symopt.GradientDescent(Bfloat16Scalar())) == pytest.approx(1 + 4 * BFLOAT16_TENTH, abs=1e-12)


def test_bfloat16_clip_norm_and_beta1_are_accepted():
    assert one_step(symopt.GradientDescent(1.0), clip_norm=Bfloat16Scalar()) == pytest.approx(1 + BFLOAT16_TENTH,
                                                                                              rel=1e-7)
    assert np.isfinite(one_step(symopt.Adam(0.1, beta1=Bfloat16Scalar())))


def test_real_ml_dtypes_bfloat16():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    assert float(ml_dtypes.bfloat16(0.1)) == BFLOAT16_TENTH
    assert one_step(symopt.GradientDescent(ml_dtypes.bfloat16(0.1))) == pytest.approx(1.400390625, abs=1e-12)


class Float4Scalar:
    """What symopt sees of ml_dtypes' float4_e2m1fn(0.5) (review final47c 47c-9): a scalar type NumPy reads with no
    number kind and no fields (kind "V", ``dtype.names`` None; pure NumPy has no such float type, so a bare void
    dtype stands for it here), whose ``float()`` is its value, as ml_dtypes' ``__float__`` is."""
    shape = ()

    def __float__(self):
        return 0.5

    def __array__(self, dtype=None, copy=None):
        return np.zeros((), dtype="V1")


def test_any_scalar_numpy_reads_without_a_number_kind_is_its_float():
    assert one_step(symopt.GradientDescent(Float4Scalar())) == pytest.approx(1 + 4 * 0.5)  # 3.0, by hand


def test_real_ml_dtypes_float4_and_int4():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    assert one_step(symopt.GradientDescent(ml_dtypes.float4_e2m1fn(0.5))) == pytest.approx(1 + 4 * 0.5)
    assert one_step(symopt.GradientDescent(ml_dtypes.int4(1))) == pytest.approx(1 + 4 * 1)


@pytest.mark.parametrize("lr", [np.array((0.25,), dtype=[("a", "f8")]), np.array((0.25,), dtype=[("a", "f8")])[()],
                                np.void(b"\0\0\x80>")], ids=["structured 0-d", "structured np.void", "bytes np.void"])
def test_a_structured_or_byte_void_rate_is_refused_as_no_number(lr):
    """final47c2 47c2-5: a record or raw bytes is no number; NumPy's kind "V" alone does not make it one."""
    with pytest.raises(symopt.errors.ConfigurationError,
                       match=r"lr: expected a positive finite number; given (np\.void|array)\("):
        one_step(symopt.GradientDescent(lr))
