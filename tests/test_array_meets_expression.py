"""A NumPy array meeting a matrix *expression* gets symopt's typed error, as it does meeting a symbol (probe20
P20-11: ``mask * (R - U @ V.T)`` raised NumPy's bare "operand type(s) all returned NotImplemented" TypeError)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

R = symopt.Placeholder("R", (4, 3))
U = symopt.Variable("U", 0.0, shape=(4, 2))
V = symopt.Variable("V", 0.0, shape=(3, 2))
MASK = np.ones((4, 3))
MAKE_IT_DATA = r"NumPy array of shape \({}\) is used as the {} .*make it a symopt\.Placeholder\('X', \({}\)\)"


@pytest.mark.parametrize("build, shape, role", [
    (lambda E: MASK * E, "4, 3", "left factor"),
    (lambda E: E * MASK, "4, 3", "right factor"),
    (lambda E: np.ones((2, 4)) @ E, "2, 4", "left factor"),
    (lambda E: E @ MASK.T, "3, 4", "right factor"),
    (lambda E: E / MASK, "4, 3", "right operand of /"),
    (lambda E: MASK / E, "4, 3", "left operand of /"),
], ids=["mask*E", "E*mask", "ones@E", "E@mask.T", "E/mask", "mask/E"])
def test_an_array_operand_of_an_expression_is_refused_naming_the_placeholder(build, shape, role):
    with pytest.raises(UnsupportedOperationError, match=MAKE_IT_DATA.format(shape, role, shape)):
        build(R - U @ V.T)


def test_a_mask_of_the_same_shape_is_told_the_entrywise_product():
    with pytest.raises(UnsupportedOperationError, match=r"entrywise product \(a mask of the same shape\) write "
                                                        r"symopt\.ops\.hadamard\(X, z\)"):
        MASK * (R - U @ V.T)


def test_numbers_still_scale_an_expression_and_the_mask_as_data_gives_numpys_value():
    E = R - U @ V.T
    assert np.float64(2.0) * E == 2.0 * E
    assert np.array(2.0) * E == 2.0 * E
    rng = np.random.default_rng(0)
    Rd, Ud, Vd = rng.normal(size=(4, 3)), rng.normal(size=(4, 2)), rng.normal(size=(3, 2))
    mask = (rng.random((4, 3)) > 0.5) * 1.0
    M = symopt.Placeholder("M", (4, 3))
    value = symopt.evaluate(ops.sum(ops.square(ops.hadamard(M, E))), {M: mask, R: Rd, U: Ud, V: Vd})
    np.testing.assert_allclose(value, np.sum((mask * (Rd - Ud @ Vd.T)) ** 2), rtol=1e-13)
    constant = symopt.evaluate(ops.hadamard(sympy.Matrix(mask), E), {R: Rd, U: Ud, V: Vd})
    np.testing.assert_allclose(np.asarray(constant, dtype=float), mask * (Rd - Ud @ Vd.T), rtol=1e-13)


W = symopt.Variable("W", 0.0, shape=(3, 3))
SQUARE = np.ones((3, 3))


@pytest.mark.parametrize("build", [
    lambda: SQUARE @ W, lambda: W @ SQUARE, lambda: (W @ W) @ SQUARE, lambda: SQUARE @ (W @ W),
], ids=["a@W", "W@a", "(W@W)@a", "a@(W@W)"])
def test_an_array_in_at_is_not_told_the_entrywise_product(build):
    """NumPy's ``@`` is the matrix product too (review10 R10-4): the hadamard ending is for ``*`` alone."""
    with pytest.raises(UnsupportedOperationError, match=MAKE_IT_DATA.format("3, 3", ".*factor", "3, 3")) as caught:
        build()
    assert "hadamard" not in str(caught.value) and "entrywise" not in str(caught.value)


@pytest.mark.parametrize("build", [
    lambda: SQUARE * W, lambda: W * SQUARE, lambda: (W @ W) * SQUARE, lambda: SQUARE * (W @ W),
], ids=["a*W", "W*a", "(W@W)*a", "a*(W@W)"])
def test_an_array_of_the_same_shape_in_star_is_told_the_entrywise_product(build):
    with pytest.raises(UnsupportedOperationError, match=r"For NumPy's entrywise product \(a mask of the same shape\) "
                                                        r"write symopt\.ops\.hadamard\(X, z\)"):
        build()
