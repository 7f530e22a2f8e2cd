"""46d-4/46d-6/46d-9: a Result labels same-name parameters as derive labels the same symbols in the cost (one
numbering, display/glyphs.py's), and every label its messages list is a key it accepts.

Oracle: the exact text derive prints for the cost, and the values fed or trained."""

import pytest

import symopt
from symopt.errors import ConfigurationError


def test_a_trained_symbol_is_labelled_as_derive_labels_it_when_the_earlier_one_of_its_name_is_fed():
    fed, trained = symopt.Variable("V", 1.0), symopt.Variable("V", 2.0)
    cost = (fed * trained - 3) ** 2
    assert "  u = V·V′" in str(symopt.derive(cost, [trained]))
    result = symopt.minimize(cost, [trained], data={fed: 1.0}, steps=2)
    assert repr(result).startswith("Result(V′=") and "<td>V′</td>" in result._repr_html_()
    assert result["V′"] == result[trained] and "V′" in result


def test_every_label_the_ambiguity_message_lists_is_a_key():
    first, second = symopt.Variable("W", 1.0), symopt.Variable("W", 2.0)
    result = symopt.minimize((first - 1) ** 2 + (second + 2) ** 2, [second, first], steps=3)
    assert result["W"] == result[first]  # an exact label wins over the shared name (probe91 P91-6)
    assert result["W′"] == result[second]
    with pytest.raises(ConfigurationError) as caught:
        result["W′′"]
    assert str(caught.value).endswith("(a symbol, its name or its label), one of W′, W")
