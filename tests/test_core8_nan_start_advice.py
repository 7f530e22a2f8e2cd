"""probe12 V8: a NaN starting array for a matrix Variable was told to use wrt={W: 0.0}, which is then refused (a
ShapeError: W is (3, 1)); the example now has the parameter's shape, and the advice works.  A large array is named by
its shape, not printed in the sentence."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((3, 1)))
J = ops.mean(ops.square(X @ W - y))
DATA = {X: np.eye(3), y: np.ones((3, 1))}


def test_the_advice_has_the_parameters_shape_and_works():
    with pytest.raises(ConfigurationError, match=r"e\.g\. wrt=\{W: numpy\.zeros\(\(3, 1\)\)\}"):
        symopt.minimize(J, {W: np.full((3, 1), np.nan)}, data=DATA)
    result = symopt.minimize(J, {W: np.zeros((3, 1))}, data=DATA, steps=5)  # following it
    assert np.isfinite(result[W]).all()


def test_a_large_array_is_named_by_its_shape():
    V = symopt.Variable("V", np.zeros((50, 4)))
    with pytest.raises(ConfigurationError, match=r"an array of shape \(50, 4\) has NaN") as error:
        symopt.minimize(ops.sum(ops.square(V)), {V: np.full((50, 4), np.nan)}, steps=1)
    assert "nan, nan" not in str(error.value)


def test_a_scalar_keeps_its_example():
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=r"e\.g\. wrt=\{w: 0\.0\}"):
        symopt.minimize(w**2, {w: float("nan")})
