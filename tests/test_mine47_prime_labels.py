"""final46d 46d-5: a plain SymPy parameter already named ``U′`` beside two symbols named ``U``: the second ``U`` took
the label ``U′`` too, so the repr showed two ``U′`` and ``result['U′']`` read the other one.  Labels skip a count of
primes another symbol is named."""

import re

import numpy as np
import sympy

import symopt
from symopt import Variable


def three_parameters():
    first, second, typed = Variable("U", 0.0), Variable("U", 0.0), sympy.Symbol("U′")
    return first, second, typed, (first - 1) ** 2 + (second - 2) ** 2 + (typed - 3) ** 2


def test_result_labels_are_distinct_and_index_their_own_parameter():
    first, second, typed, cost = three_parameters()
    result = symopt.minimize(cost, {first: 0.0, second: 0.0, typed: 0.0}, optimizer=symopt.GradientDescent(0.5),
                             steps=3)
    labels = re.findall(r"(\w+′*)=", repr(result).split(", value=")[0])
    assert len(set(labels)) == 3, labels
    # GD(0.5) on (p - c)**2 lands on c in one step: hand arithmetic, p = 0 - 0.5 * 2 * (0 - c)
    named = result.named_params
    assert set(named) == set(labels)
    np.testing.assert_allclose([float(named["U"]), float(result["U′"])], [1.0, 3.0])  # U: the first made
    second_label = next(label for label in labels if label not in ("U", "U′"))
    np.testing.assert_allclose(float(result[second_label]), 2.0)


def test_derive_gives_each_parameter_its_own_line():
    first, second, typed, cost = three_parameters()
    text = str(symopt.derive(cost, [first, second, typed]))
    gradient_lines = [line.split("=")[0].strip() for line in text.split("gradient")[-1].strip().splitlines()]
    assert len(gradient_lines) == 3 and len(set(gradient_lines)) == 3, gradient_lines
    latex = symopt.derive(cost, [first, second, typed])._repr_latex_()
    assert latex.count("U''") >= 1  # the second U, two primes in LaTeX


def test_two_groups_of_two_get_four_labels():
    """final47a 47a-3: two ``U`` beside two ``U′``: both second ones were labelled ``U′′`` and ``named_params`` kept
    three of the four parameters."""
    first, second = Variable("U", 0.0), Variable("U", 0.0)
    typed, typed_again = sympy.Symbol("U′"), sympy.Dummy("U′")
    cost = sum((p - target) ** 2 for p, target in zip([first, second, typed, typed_again], [1, 2, 3, 4]))
    result = symopt.minimize(cost, {first: 0.0, second: 0.0, typed: 0.0, typed_again: 0.0},
                             optimizer=symopt.GradientDescent(0.5), steps=3)
    named = result.named_params
    assert len(named) == 4
    # GD(0.5) on (p - c)**2 lands on c in one step (hand arithmetic): each label reads its own parameter's target
    assert sorted(float(v) for v in named.values()) == [1.0, 2.0, 3.0, 4.0]
    lines = str(symopt.derive(cost, [first, second, typed, typed_again])).split("gradient")[-1].strip().splitlines()
    assert len({line.split("=")[0] for line in lines}) == 4
