"""P59-7: a schedule's own LaTeX writes a small constant as a power of ten; in math mode ``1e-05`` reads as
1·e − 05. Oracle: the expected strings, written by hand (1e-5 = 10^{-5}, 2.5e-7 = 2.5·10^{-7})."""
import symopt


def test_an_exponential_decay_of_a_small_rate_writes_ten_to_the_minus_five():
    shown = symopt.ExponentialDecay(1e-5, 1000, 0.96, staircase=True).latex()
    assert shown.endswith(r"\quad (\eta_{0} = 10^{-5}, s = 1000, r = 0.96)")


def test_piecewise_constant_values_are_written_in_powers_of_ten():
    shown = symopt.PiecewiseConstant([100, 200], [1e-3, 2.5e-7, 1e-5])._repr_latex_()
    assert r"v_{1} = 2.5 \cdot 10^{-7}, v_{2} = 10^{-5}" in shown and "e-0" not in shown
