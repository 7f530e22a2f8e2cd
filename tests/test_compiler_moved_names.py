"""``evaluate``, ``evaluate_as_fed`` and ``feed_for`` moved from ``symopt.compiler`` to ``symopt.evaluation``;
code that imported them from their old home keeps working (final41a F41a-7)."""

import pytest

import symopt
from symopt import evaluation


def test_old_import_path_serves_the_moved_functions():
    from symopt.compiler import evaluate, evaluate_as_fed, feed_for
    assert (evaluate, evaluate_as_fed, feed_for) == (evaluation.evaluate, evaluation.evaluate_as_fed,
                                                    evaluation.feed_for)
    w = symopt.Variable("w", 2.0)
    assert evaluate(w ** 2 - 10 * w + 25) == 9.0  # (2 - 5)**2, by hand


def test_other_missing_names_are_still_attribute_errors():
    import symopt.compiler as compiler
    with pytest.raises(AttributeError, match="no attribute 'evaluated'"):
        compiler.evaluated  # noqa: B018
