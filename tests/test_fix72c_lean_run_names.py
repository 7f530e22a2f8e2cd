"""final44c F44c-3/4: the lean ``session.run`` path's batch rule is named for what it is (``lean_batch_size``, not
``runtime.batch_rows``' name), takes exactly the feeds the general path's checks let pass with a batch size m > 0, and
docs/compat.md no longer says that a batch dimension is handed to the general plan."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

import symopt.compat.v1 as tf
import symopt.compat.v1.run_plan as run_plan
from symopt.compat.v1.feeds import checked_batch

DECLARED = [[None, 3], [None, 1], [None]]
FED = [(4, 3), (2, 3), (4, 1), (4,), (2,), (0, 3), (4, 2), (3, 4), (4, 3, 1)]


def _general(keys, arrays):
    """The batch size m the general path's checks give the feeds, or None where they refuse (or m is 0)."""
    batch = None
    try:
        for key, array in zip(keys, arrays):
            batch = checked_batch(batch, key, array)
    except (ValueError, tf.errors.InvalidArgumentError):
        return None
    return batch[1] or None


def _lean(keys, arrays):
    batch = None
    for key, array in zip(keys, arrays):
        batch = run_plan.lean_batch_size(key.shape.as_list(), array.shape, batch)  # main: no lean_batch_size
        if batch is None:
            return None
    return batch


@pytest.mark.parametrize("first, second", itertools.product(DECLARED, DECLARED))
def test_the_lean_batch_size_agrees_with_the_general_checks(first, second):
    tf.reset_default_graph()
    keys = [tf.placeholder(tf.float64, first), tf.placeholder(tf.float64, second)]
    for shapes in itertools.product(FED, FED):
        arrays = [np.zeros(shape) for shape in shapes]
        assert _lean(keys, arrays) == _general(keys, arrays), (first, second, shapes)


def test_the_lean_path_has_no_function_named_like_runtimes_batch_rows():
    assert not hasattr(run_plan, "batch_rows") and "lean_batch_size" in run_plan.__all__
    assert hasattr(run_plan.RunPlan, "lean_run")


def test_compat_docs_no_longer_hand_a_batch_dimension_to_the_general_plan():
    text = " ".join((Path(__file__).parents[1] / "docs" / "compat.md").read_text().split())
    start = text.index("The lecture's loop goes leaner still")
    passage = text[start:text.index("tests/test_compat_lean_run.py", start)]
    assert "a batch dimension" not in passage and "fixed shape" not in passage
    assert "batch size m > 0" in passage
