"""final39b F39b-12: a Fraction or Decimal hyperparameter refused because its float is 0.0 or infinite is named with
its number cut (not 400 digits) and with the float it rounds to, the number a run would compute with."""

from decimal import Decimal
from fractions import Fraction

import pytest

import symopt
from symopt.errors import ConfigurationError


@pytest.mark.parametrize("value, shown, rounded", [
    (Fraction(1, 10 ** 400), "Fraction(1, 1000000000000000…000000000) (414 characters)", "0.0"),
    (Fraction(10 ** 400), "Fraction(1000000000000000000…000000, 1) (414 characters)", "inf"),
    (Decimal("1e-400"), "Decimal('1E-400')", "0.0"),
    (Decimal("1e400"), "Decimal('1E+400')", "inf")])
def test_a_rate_whose_float_is_zero_or_infinite_is_named_cut_with_that_float(value, shown, rounded):
    assert repr(float(value) if not isinstance(value, Fraction) or value < 1 else float("inf")) == rounded  # oracle
    with pytest.raises(ConfigurationError) as caught:
        symopt.GradientDescent(value)
    assert str(caught.value) == (
        f"lr: expected a positive finite number; given {shown}, which rounds to {rounded} as a float (the number the "
        "run computes with): give one that a float holds, between 1e-308 and 1e308 in size. Typical values: 0.001 to "
        "0.1.")
    assert len(str(caught.value)) < 300


def test_every_checked_hyperparameter_cuts_the_number():
    with pytest.raises(ConfigurationError, match=r"^epsilon: expected a positive finite number; given Fraction\(1, "
                                                 r"1000000000000000…000000000\) \(414 characters\), which rounds to 0.0"):
        symopt.Adam(0.1, epsilon=Fraction(1, 10 ** 400))
    beta1 = Fraction(3 * 10 ** 100 + 1, 10 ** 100)  # 3.0000…1: out of [0, 1) as its float 3.0 is, no rounding to say
    with pytest.raises(ConfigurationError) as caught:
        symopt.Adam(0.1, beta1=beta1)
    assert str(caught.value) == (f"beta1: expected a number in [0, 1); given {repr(beta1)[:28]}…{repr(beta1)[-10:]} "
                                 f"({len(repr(beta1))} characters)")


def test_an_exact_number_a_float_holds_is_taken_as_its_float():
    assert symopt.GradientDescent(Fraction(1, 10)).hyperparameters["lr"] == 0.1
    assert symopt.GradientDescent(Decimal("0.01")).hyperparameters["lr"] == 0.01


def test_tol_past_float_range_is_named_cut_with_its_float():
    """tol= and clip_norm= refusals printed a Fraction past float's range in full (400 digits)."""
    w = symopt.Variable("w", 1.0)
    with pytest.raises(ConfigurationError, match=r"^tol: expected a finite number >= 0 .*given Fraction\(1000000000"
                                                 r"\d*…0+, 1\) \(414 characters\), which rounds to inf as a float"):
        symopt.minimize(w ** 2, w, steps=2, tol=Fraction(10 ** 400))


def test_counts_are_not_told_about_floats_and_clip_norm_names_the_number_given():
    """final40b F40b-9: a count (epochs, seed) got the float sentence, which does not apply to integers; clip_norm's
    refusal named only the float (0.0) of a Decimal('1e-400')."""
    w = symopt.Variable("w", 1.0)
    with pytest.raises(ConfigurationError, match=r"^epochs: expected a positive integer; given Decimal\('1E\+500'\)$"):
        symopt.minimize(w ** 2, w, epochs=Decimal("1e500"))
    with pytest.raises(ConfigurationError, match=r"^clip_norm: expected a positive number \(or inf for no clipping\); "
                                                 r"given Decimal\('1E-400'\), which rounds to 0.0 as a float"):
        symopt.minimize(w ** 2, w, steps=2, clip_norm=Decimal("1e-400"))


def test_a_python_int_past_float_range_is_refused_as_a_fraction_is():
    """final40a F40a-9: GradientDescent(10**400), Adam(beta1=10**400), tol=10**400 were a bare OverflowError ("int
    too large to convert to float"); clip_norm=10**400 is no clipping, as inf is."""
    with pytest.raises(ConfigurationError, match=r"^lr: expected a positive finite number; given 1000000000\d*…0+ "
                                                 r"\(401 characters\), which rounds to inf as a float"):
        symopt.GradientDescent(10 ** 400)
    with pytest.raises(ConfigurationError, match=r"^beta1: expected a number in \[0, 1\); given 1000000000"):
        symopt.Adam(beta1=10 ** 400)
    w = symopt.Variable("w", 1.0)
    with pytest.raises(ConfigurationError, match=r"^tol: expected a finite number >= 0"):
        symopt.minimize(w ** 2, w, steps=2, tol=10 ** 400)
    clipped = symopt.minimize(w ** 2, w, steps=2, clip_norm=10 ** 400, optimizer=symopt.GradientDescent(0.25))
    assert clipped[w] == 0.25  # hand GD without clipping: 1 -> 0.5 -> 0.25
