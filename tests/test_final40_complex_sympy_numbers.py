"""A complex SymPy number fed or given as a start (``sympy.I``, ``1 + 2*I``, ``zoo``) was a bare ``TypeError:
Cannot convert complex to float`` from the conversion (fix52's report on probe51 P51-6); it is refused as a complex
NumPy value is, naming the input."""

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError, FeedError


@pytest.mark.parametrize("value", [sympy.I, 1 + 2 * sympy.I, sympy.zoo])
def test_a_complex_sympy_number_is_refused_naming_the_input(value):
    a, w = symopt.Placeholder("a"), symopt.Variable("w", 1.0)
    function = symopt.compile(a * w ** 2, w)
    with pytest.raises(FeedError, match=r"^value for a \(scalar\): expected numbers of dtype float64; given the "
                                        r"complex SymPy number .*symopt computes with real numbers"):
        function(w=1.0, a=value)
    with pytest.raises(ConfigurationError, match=r"^initial value of 'q': expected numbers; given the complex SymPy"):
        symopt.Variable("q", value)
