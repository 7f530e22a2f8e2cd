"""final44d F44d-5: an UpdateRule pickles and copies as the rule it is, not as the rule its optimizer writes
(``dataclasses.replace`` / the public constructor made one with other assignments).  Oracle: the object itself."""

import copy
import dataclasses
import pickle

import pytest

import symopt

COPIES = {"pickle": lambda value: pickle.loads(pickle.dumps(value)), "deepcopy": copy.deepcopy, "copy": copy.copy}


@pytest.mark.parametrize("how", COPIES)
def test_a_rule_with_its_own_assignments_comes_back_as_it_is(how):
    rule = symopt.update_rule(symopt.Adam(0.1))
    shorter = dataclasses.replace(rule, assignments=rule.assignments[:1])
    back = COPIES[how](shorter)
    assert back == shorter and len(back.assignments) == 1
    assert str(back) == str(shorter) and back.latex() == shorter.latex()
