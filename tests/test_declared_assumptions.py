"""probe8 R16: ``symopt.Variable("sigma", 1.0, positive=True)`` (how a SymPy user declares a positive parameter) and
``Placeholder("x", (), positive=True)`` died with Python's "unexpected keyword argument"; they are refused naming the
keyword and what to write instead, and the written fixes work."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError, FeedError


@pytest.mark.parametrize("assumption", ["positive", "integer", "real", "nonnegative"])
def test_a_variable_with_an_assumption_names_the_logarithm_fix(assumption):
    with pytest.raises(ConfigurationError, match=rf"Variable\('sigma', \.\.\., {assumption}=True\): Variable takes no "
                                                 r"SymPy assumptions.*symopt\.Variable\('log_sigma', 0\.0\)"):
        symopt.Variable("sigma", 1.0, **{assumption: True})


def test_a_placeholder_with_an_assumption_names_the_checked_symbol():
    with pytest.raises(ConfigurationError, match=r"write sympy\.Symbol\('x', positive=True\) instead"):
        symopt.Placeholder("x", (), positive=True)
    x, w = sympy.Symbol("x", positive=True), symopt.Variable("w", 0.0)  # the fix the message names
    assert symopt.compile((w - x) ** 2, w)(w=1.0, x=3.0) == (4.0, -4.0)
    with pytest.raises(FeedError, match="positive"):
        symopt.compile((w - x) ** 2, w)(w=1.0, x=-3.0)


def test_the_logarithm_fix_finds_a_positive_scale():
    log_sigma = symopt.Variable("log_sigma", 0.0)
    data = np.array([1.0, -2.0, 3.0, -4.0])
    sigma = sympy.exp(log_sigma)  # Gaussian negative log-likelihood in sigma, mean 0
    cost = sum(sympy.log(sigma) + value**2 / (2 * sigma**2) for value in data)
    fitted = symopt.minimize(cost, log_sigma, method="newton").params[log_sigma]
    assert np.isclose(np.exp(fitted), np.sqrt(np.mean(data**2)))


def test_a_misspelt_keyword_is_named():
    with pytest.raises(ConfigurationError, match="unknown keyword intial; Variable takes name, init"):
        symopt.Variable("w", 1.0, intial=2.0)
