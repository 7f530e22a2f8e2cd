"""The real-data examples reach their claims at the quick setting (scikit-learn supplies the data).

No timing assertions: each example's ``main(quick=True)`` runs in well under ten seconds.
"""

import importlib.util
import pathlib

import pytest

pytest.importorskip("sklearn", reason="the real-data examples need scikit-learn (pip install -e '.[test]')")

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_linear_regression_matches_closed_form_least_squares(capsys):
    result = load("linear_regression").main(quick=True)
    assert result["difference"] < 1e-8
    assert result["cost"] == pytest.approx(result["exact_cost"], rel=1e-12)
    assert "max |parameter - lstsq|" in capsys.readouterr().out


def test_logistic_regression_matches_scikit_learn(capsys):
    result = load("logistic_regression").main(quick=True)
    assert abs(result["symopt_accuracy"] - result["sklearn_accuracy"]) <= 0.01
    assert result["symopt_accuracy"] > 0.9
    # the same objective as LogisticRegression(C=1.0): the same coefficients, to the solvers' tolerance
    assert result["coefficient_difference"] < 1e-4
    assert result["intercept_difference"] < 1e-4
    out = capsys.readouterr().out
    assert "symopt" in out and "scikit-learn" in out


def test_digits_network_reaches_95_percent(capsys):
    result = load("digits_network").main(quick=True)
    assert result["test_accuracy"] >= 0.95
    assert result["steps"] == result["epochs"] * 45  # 1437 training images in batches of 32
    assert "test accuracy" in capsys.readouterr().out


def test_digits_network_tf1_twin_reaches_95_percent(capsys):
    import symopt.compat.v1 as tf
    assert hasattr(tf.nn, "softmax_cross_entropy_with_logits_v2") and hasattr(tf, "get_variable")
    result = load("digits_network_tf1").main(quick=True)
    assert result["test_accuracy"] >= 0.95
    assert "test accuracy" in capsys.readouterr().out
