"""``runtime.float32_power`` is TF1's ``Pow`` of one float32 number (the C library's ``powf``) and gives IEEE's inf
or NaN where the power leaves float32's range, so a growing schedule is a divergence, not a crash (review final45b
45b-1, 45b-2; probe78 P78-3).

Expected bits: TensorFlow 2.21 ``tf.compat.v1`` (graph mode), ``tf.pow`` of two fed float32 scalars, at bases where
the float64 power rounded once is an ulp off (the first six of 11 among 20 000 uniform bases in [0, 1.2)).
"""

import warnings

import numpy as np
import pytest

import symopt
from symopt import runtime

TF_POW_MINUS_0_7 = [  # base bits -> tf.pow(base, -0.7) bits
    (1066840431, 1063541855), (1066265018, 1064184148), (1058549951, 1069036818),
    (1060382845, 1067692148), (1059368116, 1068388635), (1044463209, 1078830302),
]


@pytest.mark.parametrize("base_bits, expected_bits", TF_POW_MINUS_0_7)
def test_power_of_one_number_is_tf1s(base_bits, expected_bits):
    base = np.uint32(base_bits).view(np.float32)
    got = runtime.float32_power(base, np.float32(-0.7))
    assert int(np.float32(got).view(np.uint32)) == expected_bits


def test_python_numbers_are_taken_too():
    base = float(np.uint32(1066840431).view(np.float32))
    assert int(np.float32(runtime.float32_power(base, -0.7)).view(np.uint32)) == 1063541855


@pytest.fixture
def without_ctypes_libm(monkeypatch):
    """As on a platform whose C library ctypes cannot load (fix45b fell back to ``math.pow`` there, which raises)."""
    monkeypatch.setattr("symopt.runtime._c_float_function", lambda name, arity: None)


def test_out_of_range_powers_are_inf_and_nan(without_ctypes_libm):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert runtime.float32_power(0.0, -1.0) == np.inf  # powf and TF 2.21: inf
        assert runtime.float32_power(1e10, 30.0) == np.inf
        assert np.isnan(runtime.float32_power(-2.0, 0.5))


def test_a_growing_schedule_diverges_instead_of_crashing(without_ctypes_libm):
    w = symopt.Variable("w", 0.0)
    optimizer = symopt.GradientDescent(symopt.ExponentialDecay(0.1, decay_steps=1, decay_rate=1e10))
    with pytest.raises(symopt.errors.DivergenceError):
        symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=50)
