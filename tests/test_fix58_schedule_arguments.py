"""The three schedules of more_schedules.py check their arguments as every other schedule and optimizer does
(probe58 P58-3): a missing or misspelled argument is a ConfigurationError naming the signature and the fix, never
Python's bare TypeError; the checked classes still pickle (joblib's processes send them)."""

from __future__ import annotations

import pickle

import pytest

import symopt
from symopt.errors import ConfigurationError

CASES = [  # (class, arguments with the last required one left out, that name, a valid call, a misspelled keyword)
    (symopt.NaturalExpDecay, (0.1, 10), "decay_rate", (0.1, 10, 0.5), ("stair", "staircase")),
    (symopt.LinearCosineDecay, (0.1,), "decay_steps", (0.1, 10), ("num_period", "num_periods")),
    (symopt.CosineDecayRestarts, (0.1,), "first_decay_steps", (0.1, 10), ("t_mult", "t_mul or m_mul")),
]


@pytest.mark.parametrize("cls, given, missing, valid, misspelled", CASES, ids=[c[0].__name__ for c in CASES])
def test_a_left_out_argument_is_a_configuration_error(cls, given, missing, valid, misspelled):
    with pytest.raises(ConfigurationError, match=rf"symopt\.{cls.__name__}\(learning_rate, .*expected {missing}; "
                                                  "it was left out"):
        cls(*given)
    with pytest.raises(ConfigurationError, match=r"expected learning_rate; it was left out"):
        cls()


@pytest.mark.parametrize("cls, given, missing, valid, misspelled", CASES, ids=[c[0].__name__ for c in CASES])
def test_a_misspelled_keyword_names_the_right_one(cls, given, missing, valid, misspelled):
    wrong, right = misspelled
    with pytest.raises(ConfigurationError, match=rf"symopt\.{cls.__name__}\(\) got an unexpected keyword {wrong}=; "
                                                  rf"did you mean {right.replace(' or ', '= or ')}=\? It takes learning_rate, "):
        cls(*valid, **{wrong: 1.0})


@pytest.mark.parametrize("cls, given, missing, valid, misspelled", CASES, ids=[c[0].__name__ for c in CASES])
def test_the_checked_schedules_still_build_and_pickle(cls, given, missing, valid, misspelled):
    right = misspelled[1].split(" or ")[0]
    value = True if right == "staircase" else 1.0
    schedule = cls(*valid, **{right: value})
    assert getattr(schedule, right) == value
    assert pickle.loads(pickle.dumps(schedule)) == schedule
