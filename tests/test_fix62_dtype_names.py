"""P64-8: ``tf.as_dtype`` takes what docs/compat.md lists and refuses the rest with a typed error; ``DType`` has
the attributes TF1 programs read.  Expected values: TF 2.21 (``tf.float32.size`` 4, ``tf.int8.size`` 1,
``tf.as_dtype(float)`` float32, ``tf.as_dtype(object)`` string)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_dtype_attributes_and_python_types():
    assert (tf.float32.size, tf.int8.size, tf.float64.size) == (4, 1, 8)
    assert tf.string.size == 0  # TF 2.21: 0 (F42e-10)
    assert not tf.float32.is_bool and tf.bool.is_bool and not tf.float32.is_complex
    assert not tf.float32.is_quantized and tf.int8.real_dtype == tf.int8
    assert tf.as_dtype(float) == tf.float32 and tf.as_dtype(object) == tf.string and tf.as_dtype(bool) == tf.bool


def test_dtypes_symopt_lacks_are_typed_refusals():
    for name in ("bfloat16", "complex64", "uint32", "qint8"):
        with pytest.raises(UnsupportedOperationError, match=f"tf.as_dtype\\('{name}'\\)"):
            tf.as_dtype(name)
    for kind in (np.complex64, np.uint32):  # F42e-10: NumPy's types too (TF 2.21 accepts all of them)
        with pytest.raises(UnsupportedOperationError, match="a TF1 dtype symopt.compat.v1 does not support"):
            tf.as_dtype(kind)
    with pytest.raises(AttributeError, match="tf.float32.limits is not supported"):
        tf.float32.limits  # noqa: B018 - the attribute read is what is tested
    assert not hasattr(tf.float32, "expr")
