"""A SciPy method whose step leaves the cost's real domain raises DomainError naming the subexpression, as the
first-order optimizers do (was DivergenceError "the model has no minimum")."""

import warnings

import pytest
import sympy

import symopt
from symopt.errors import DomainError


def test_bfgs_stepping_below_zero_under_a_square_root_is_a_domain_error():
    w = symopt.Variable("w", 0.1)
    with warnings.catch_warnings(), pytest.raises(DomainError, match=r"sqrt\(w\) has no real value") as error:
        warnings.simplefilter("ignore")
        symopt.minimize(sympy.sqrt(w) + (w + 2) ** 2, w, method="bfgs")
    assert "run method='lbfgs' with bounds=" in str(error.value) and "learning rate" not in str(error.value)
    assert error.value.result is not None
