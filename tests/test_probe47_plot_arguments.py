"""probe47 P47-4: optimizer_paths / method_paths refuse the natural mistakes with a ConfigurationError that shows the
mapping to write (they raised bare TypeError, AttributeError and ValueError), as loss_curve does."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

pytest.importorskip("matplotlib")
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import symopt.plot  # noqa: E402

w = symopt.Variable("w", 0.0)
b = symopt.Variable("b", 1.5)
COST = w ** 2 - 10 * w + 25
GD = symopt.GradientDescent(0.1)
WRT_MESSAGE = "{function}: wrt should be a mapping {{parameter: start}}, the point every path starts from; given "


@pytest.mark.parametrize("wrt, given, write", [
    (w, "the Variable w", "{w: 0.0}"),
    ([w], "a list of parameters [w]", "{w: 0.0}"),
    ((w, b), "a tuple of parameters [w, b]", "{w: 0.0, b: 1.5}"),
    (sympy.Symbol("w"), "the symbol w", "{w: 0.0}"),
])
def test_parameters_instead_of_starts(wrt, given, write):
    for function, call in (("optimizer_paths", lambda: symopt.plot.optimizer_paths(COST, wrt, {"GD": GD}, steps=5)),
                           ("method_paths", lambda: symopt.plot.method_paths(COST + b ** 2, wrt, steps=5))):
        with pytest.raises(ConfigurationError) as caught:
            call()
        assert str(caught.value) == WRT_MESSAGE.format(function=function) + f"{given}: write {write}"


def test_names_and_starts_that_are_not_numbers():
    with pytest.raises(ConfigurationError, match=r"^optimizer_paths: wrt should be a mapping \{parameter: start\}, "
                                                 r"such as \{w: 0.0\}; given str 'w'$"):
        symopt.plot.optimizer_paths(COST, "w", {"GD": GD}, steps=5)
    with pytest.raises(ConfigurationError, match=r"keys of wrt should be the scalar parameters .* given str 'w': "
                                                 r"use the parameter itself, not its name$"):
        symopt.plot.optimizer_paths(COST, {"w": 0.0}, {"GD": GD}, steps=5)
    for start, shown in (("zero", "str 'zero'"), (float("nan"), "float nan"), (None, "NoneType None")):
        with pytest.raises(ConfigurationError) as caught:
            symopt.plot.optimizer_paths(COST, {w: start}, {"GD": GD}, steps=5)
        assert str(caught.value) == ("optimizer_paths: the start of w should be a finite real number; given "
                                     f"{shown}: write {{w: 0.0}}")


def test_one_optimizer_or_a_list_instead_of_a_mapping():
    with pytest.raises(ConfigurationError) as caught:
        symopt.plot.optimizer_paths(COST, {w: 0.0}, GD, steps=5)
    assert str(caught.value) == ("optimizer_paths: optimizers should be a mapping {label: optimizer}, the label shown "
                                 "in the legend; given GradientDescent: write {'GradientDescent': GradientDescent(lr=0.1)}")
    with pytest.raises(ConfigurationError, match=r"given list: write \{'GradientDescent': GradientDescent\(lr=0.1\), "
                                                 r"'Momentum': Momentum\("):
        symopt.plot.optimizer_paths(COST, {w: 0.0}, [GD, symopt.Momentum(0.1, 0.9)], steps=5)
    with pytest.raises(ConfigurationError, match=r"^method_paths: methods should be a mapping"):
        symopt.plot.method_paths(COST + b ** 2, {w: 0.0, b: 1.0}, GD, steps=5)
    with pytest.raises(ConfigurationError, match=r"optimizers\['GD'\] should be an optimizer, such as "
                                                 r"symopt.GradientDescent\(0.1\); given str 'sgd'$"):
        symopt.plot.optimizer_paths(COST, {w: 0.0}, {"GD": "sgd"}, steps=5)
    with pytest.raises(ConfigurationError, match=r"non-empty mapping"):
        symopt.plot.optimizer_paths(COST, {w: 0.0}, {}, steps=5)


def test_right_arguments_still_draw_the_paths():
    ax = symopt.plot.optimizer_paths(COST, {w: 0}, {"GD": GD}, steps=3)
    [curve, path] = ax.get_lines()
    assert list(path.get_xdata()) == pytest.approx([0.0, 1.0, 1.8, 2.44])  # w <- w - 0.1 (2w - 10), by hand
    figure = symopt.plot.method_paths(COST + b ** 2, {w: 0.0, b: 1.0}, {"GD": GD, "Newton": "newton"}, steps=2)
    assert len(figure.axes) == 2
