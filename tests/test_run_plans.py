"""A repeated ``minimize`` call without data reuses its set-up (checked options, compiled step, schedule), keyed on
every argument it depends on: a call that differs in any of them, or that must be refused, is set up afresh."""

from __future__ import annotations

import importlib
import re

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError, ShapeError

minimize_module = importlib.import_module("symopt.minimize")
run_setup = importlib.import_module("symopt.run_setup")


def _lecture():
    w = symopt.Variable("w_plan", 0.0)
    return w, w ** 2 - 10 * w + 25


def _counting_compiles(monkeypatch) -> list:
    calls = []
    real = run_setup.compile_step
    monkeypatch.setattr(run_setup, "compile_step", lambda *a, **k: calls.append(k) or real(*a, **k))
    return calls


def test_a_repeated_call_compiles_nothing_and_gives_the_same_run(monkeypatch):
    w, cost = _lecture()
    first = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=100)
    calls = _counting_compiles(monkeypatch)
    again = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=100)
    assert calls == []
    assert again[w] == first[w] and np.array_equal(again.history, first.history) and again.value == first.value


@pytest.mark.parametrize("change", [dict(steps=50), dict(tol=1e-3), dict(clip_value=0.5), dict(clip_norm=1.0),
                                    dict(optimizer=symopt.GradientDescent(0.02)), dict(optimizer=symopt.Adam(0.01)),
                                    dict(dtype="float32")])
def test_a_call_that_differs_in_one_argument_is_set_up_afresh(change, monkeypatch):
    w, cost = _lecture()
    base = dict(optimizer=symopt.GradientDescent(0.01), steps=100)
    symopt.minimize(cost, w, **base)
    calls = _counting_compiles(monkeypatch)
    changed = symopt.minimize(cost, w, **{**base, **change})
    assert len(calls) == 1
    monkeypatch.undo()
    from symopt.cache import CACHE
    from symopt.minimize import SETUP
    SETUP.clear(), CACHE.clear()
    fresh = symopt.minimize(cost, w, **{**base, **change})  # set up from nothing: the same run
    assert changed[w] == fresh[w] and np.array_equal(changed.history, fresh.history)


@pytest.mark.parametrize("argument, accepted, refused", [
    ("steps", 1, True), ("steps", 2, 2.0), ("tol", 0.0, False), ("clip_value", 1.0, True), ("shuffle", True, 1)])
def test_a_value_equal_to_an_accepted_one_but_refused_is_still_refused(argument, accepted, refused):
    # True == 1 and 2.0 == 2 in a dict key: the key holds each value's type, so the cached set-up is not used
    w, cost = _lecture()
    symopt.minimize(cost, w, **{argument: accepted})
    with pytest.raises(ConfigurationError):
        symopt.minimize(cost, w, **{argument: refused})


def test_a_refused_call_is_refused_again():
    w, cost = _lecture()
    for _ in range(2):
        with pytest.raises(ConfigurationError, match="steps"):
            symopt.minimize(cost, w, steps=0)


def test_new_starting_values_are_read_on_every_call():
    w, cost = _lecture()
    assert symopt.minimize(cost, {w: 0.0}, steps=1).history[0] == 25.0
    assert symopt.minimize(cost, {w: 1.0}, steps=1).history[0] == 16.0
    with pytest.raises(ConfigurationError, match="not finite"):
        symopt.minimize(cost, {w: float("nan")}, steps=1)


def test_a_cost_reading_a_frozen_variable_is_set_up_on_every_call(monkeypatch):
    # its value is data the set-up reads: not part of the key, so such a run is not planned
    w, cost = _lecture()
    c = symopt.Variable("c_plan", 3.0, trainable=False)
    symopt.minimize(cost + c * w, w, steps=5)
    calls = _counting_compiles(monkeypatch)
    symopt.minimize(cost + c * w, w, steps=5)
    assert len(calls) == 1


def test_data_is_set_up_on_every_call(monkeypatch):
    w, _ = _lecture()
    x = symopt.Placeholder("x_plan", (3, 1))
    cost = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
    data = {x: [[1.0], [-10.0], [25.0]]}
    symopt.minimize(cost, w, data=data, steps=5)
    calls = _counting_compiles(monkeypatch)
    other = symopt.minimize(cost, w, data={x: [[1.0], [-20.0], [100.0]]}, steps=5)
    assert len(calls) == 1 and other.history[0] == 100.0
    with pytest.raises(ShapeError):
        symopt.minimize(cost, w, data={x: [[1.0], [2.0]]}, steps=5)


def test_a_disk_cache_asked_for_after_a_planned_call_is_checked(tmp_path, monkeypatch):
    w, cost = _lecture()
    symopt.minimize(cost, w, steps=5)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # writable by others: its entries would be code anyone could plant
    monkeypatch.setenv("SYMOPT_CACHE_DIR", str(shared))
    with pytest.raises(ConfigurationError, match="writable by other users"):
        symopt.minimize(cost, w, steps=5)


def _redefined_rules():
    """Two classes of one name, as a notebook cell edited and run again defines them: another update rule."""
    from symopt.optimizers import GradientDescent

    class MyGD(GradientDescent):
        def update(self, theta, g, slots, h):
            return [(theta, theta - g * h["lr"])]
    first = MyGD

    class MyGD(GradientDescent):  # noqa: F811 - the point: the same name, another class
        def update(self, theta, g, slots, h):
            return [(theta, theta - 2 * g * h["lr"])]
    return first, MyGD


def test_a_redefined_optimizer_class_of_the_same_name_is_another_rule():
    w = symopt.Variable("w_rule", 1.0)
    cost = (w - 3) ** 2
    first, second = _redefined_rules()
    once = symopt.minimize(cost, w, optimizer=first(0.1), steps=3)[w]
    twice = symopt.minimize(cost, w, optimizer=second(0.1), steps=3)[w]
    assert once != twice
    assert twice == symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.2), steps=3)[w]


def test_the_disk_cache_key_tells_the_two_rules_apart():
    from symopt.disk_cache import step_key
    w = symopt.Variable("w_rule", 1.0)
    first, second = _redefined_rules()
    keys = [step_key((w - 3) ** 2, [w], rule(0.1), [], "float64", {}) for rule in (first, second)]
    assert keys[0] != keys[1]


def test_a_bad_starting_value_is_named_before_the_data_and_the_schedule():
    from symopt.errors import FeedError
    X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("Y", (None, 1))
    W = symopt.Variable("W_order", np.zeros((1, 1)))
    cost = symopt.ops.mean(symopt.ops.square(X @ W - Y))
    bad_data = np.ones((4, 1))
    bad_data[2, 0] = np.nan
    with pytest.raises(ShapeError, match="expected shape \\(1, 1\\); given \\(2, 1\\)"):
        symopt.minimize(cost, {W: np.zeros((2, 1))}, data={X: bad_data, Y: np.ones((4, 1))}, steps=5)
    with pytest.raises(FeedError, match="given text"):  # before the schedule's refusal of a rate decaying to 0
        symopt.minimize(cost, {W: "0"}, data={X: np.ones((4, 1)), Y: np.ones((4, 1))}, steps=400,
                        optimizer=symopt.Ftrl(symopt.ExponentialDecay(0.1, 1, 0.01)))


def test_a_variable_whose_dtype_is_changed_between_calls_is_set_up_again():
    w = symopt.Variable("w_dtype", 0.5)
    cost = (w - 3) ** 2
    symopt.minimize(cost, w, steps=1)
    w.dtype = "float32"
    assert isinstance(symopt.minimize(cost, w, steps=1)[w], np.float32)


@pytest.mark.parametrize("argument, value, shown", [
    ("steps", sympy.Integer(5), "int(5)"), ("seed", sympy.Integer(3), "int(3)")])
def test_a_sympy_number_for_an_option_is_named_as_one(argument, value, shown):
    w, cost = _lecture()
    with pytest.raises(ConfigurationError, match=f"given the SymPy number .*; pass a Python number, {re.escape(shown)}"):
        symopt.minimize(cost, w, **{argument: value})


@pytest.mark.parametrize("argument, value", [("tol", sympy.Float(0.5)), ("clip_value", sympy.Rational(1, 2))])
def test_a_sympy_number_for_a_real_option_is_its_float(argument, value):
    """As a learning rate is (probe46 P46-8: Fraction and Decimal too): tol= and clip_value= take it as a float."""
    w, cost = _lecture()
    given, floats = (symopt.minimize(cost, w, steps=30, **{argument: v}) for v in (value, float(value)))
    assert given[w] == floats[w] and given.steps == floats.steps
