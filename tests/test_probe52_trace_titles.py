"""probe52 P52-6: a trace's columns are titled by the names as typed, and ``trace[name]`` reads the column of the
parameter ``result[name]`` is.  A Variable really named ``lambda_`` (or ``w_1`` beside ``w.1``, or ``m_w`` beside
Adam's slot of ``w``) used to title another variable's column, so ``trace[name]`` returned the other's values."""

from __future__ import annotations

import pytest

import symopt
from symopt.errors import ConfigurationError


def _run(names, starts, optimizer=None):
    variables = [symopt.Variable(n, s) for n, s in zip(names, starts)]
    cost = sum((v - 3) ** 2 for v in variables)
    result = symopt.minimize(cost, variables, optimizer=optimizer or symopt.GradientDescent(0.1), steps=2,
                             trace=True)
    return variables, result


@pytest.mark.parametrize("names", [("lambda", "lambda_"), ("w.1", "w_1"), ("lambda_", "lambda")])
def test_a_column_bears_its_own_variables_name(names):
    variables, result = _run(names, (0.0, 10.0))
    trace = result.trace
    assert trace.columns == ["step", "cost", names[0], f"dJ/d{names[0]}", names[1], f"dJ/d{names[1]}"]
    # the oracle: the starting values (0 and 10) and GD's step by hand, w - 0.1 * 2 (w - 3)
    assert trace[names[0]] == pytest.approx([0.0, 0.6]) and trace[names[1]] == pytest.approx([10.0, 8.6])
    assert trace[f"dJ/d{names[1]}"] == pytest.approx([14.0, 11.2])
    for variable in variables:
        assert trace[variable] == trace[variable.name]
        assert trace[variable.name][-1] - 0.2 * (trace[variable.name][-1] - 3) == pytest.approx(result[variable.name])


def test_adams_slots_never_take_a_variables_name():
    (w, m_w, power), result = _run(("w", "m_w", "beta1_power"), (0.0, 5.0, 1.0), symopt.Adam(0.1))
    trace = result.trace
    assert trace.columns == ["step", "cost", "w", "dJ/dw", "m_w", "dJ/dm_w", "beta1_power", "dJ/dbeta1_power",
                             "m_w′", "v_w", "m_m_w", "v_m_w", "m_beta1_power", "v_beta1_power", "beta1_power′",
                             "beta2_power", "lr_t"]
    assert trace["m_w"] == pytest.approx([5.0, 4.9]) == trace[m_w]  # the Variable (Adam's first step is lr, toward 3)
    assert trace["beta1_power"] == pytest.approx([1.0, 1.1]) == trace[power]
    assert trace["m_w′"] == pytest.approx([0.0, -0.6])  # w's first moment: 0.1 * 2 (0 - 3), by hand
    assert trace["beta1_power′"] == pytest.approx([0.9, 0.81])
    assert [trace[v][1] for v in (w, m_w, power)] == pytest.approx([0.1, 4.9, 1.1])


def test_the_step_counter_keeps_its_name_and_two_of_one_name_are_read_by_symbol():
    (step,), result = _run(("step",), (0.0,))
    assert result.trace.columns == ["step", "cost", "step_", "dJ/dstep_"]
    assert result.trace["step"] == [0, 1] and result.trace[step] == pytest.approx([0.0, 0.6])
    first, second = symopt.Variable("w", 0.0), symopt.Variable("w", 10.0)
    try:
        result = symopt.minimize((first - 3) ** 2 + (second - 7) ** 2, [first, second], steps=1, trace=True)
    except ConfigurationError:
        return  # a run refusing two parameters of one name has nothing to read
    with pytest.raises(ConfigurationError, match=r"two parameters share the name 'w'.*index by the symbol"):
        result.trace["w"]
    assert result.trace[first] == [0.0] and result.trace[second] == [10.0]


def test_a_shared_slot_named_as_a_variable_is_primed_not_titled_as_it():
    """final40c F40c-11: Adam's shared column lr_t beside a Variable named lr_t was titled lr_t too, so the Variable's
    name titled two columns and trace['lr_t'] could not read Adam's."""
    w, rate = symopt.Variable("w", 0.0), symopt.Variable("lr_t", 1.0)
    result = symopt.minimize((w - 3) ** 2 + (rate - 3) ** 2, [w, rate], optimizer=symopt.Adam(0.1), steps=3,
                             trace=True)
    columns = result.trace.columns
    assert len(set(columns)) == len(columns) and columns.count("lr_t") == 1 and "lr_t′" in columns
    assert list(result.trace["lr_t"])[0] == 1.0  # the Variable's own column, from its start
