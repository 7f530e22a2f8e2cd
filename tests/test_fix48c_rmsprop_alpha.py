"""probe94 P94-7: ``RMSProp(alpha=...)`` (PyTorch's keyword) names ``decay`` and says that symopt's RMSProp is TF1's
(mean square from 1, ε inside the root), not torch.optim.RMSprop.  Oracles: TF1's RMSProp step by hand, and
torch 2.13's ``RMSprop(lr=0.01, alpha=0.99, eps=1e-8)`` first step on a float64 w, recorded
(``benchmarks/library_optimizer_digits.py``)."""

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError

TORCH_RMSPROP_STEP_1 = 0.09999999899999998  # torch.optim.RMSprop([w], lr=0.01, alpha=0.99, eps=1e-8), float64


def test_pytorch_alpha_names_decay_and_the_other_rule():
    with pytest.raises(ConfigurationError, match=r"write decay \(PyTorch's alpha\); note this is TF1's RMSProp") as e:
        symopt.RMSProp(0.01, alpha=0.99, eps=1e-8)
    assert "not torch.optim.RMSprop's rule" in str(e.value)
    with pytest.raises(ConfigurationError) as e:  # Adam's alpha is no RMSProp decay
        symopt.Adam(0.01, alpha=0.99)
    assert "RMSProp" not in str(e.value)


def test_the_rules_differ_as_the_message_says():
    w = symopt.Variable("w", 0.0, dtype="float64")
    optimizer = symopt.RMSProp(np.float64(0.01), decay=np.float64(0.99), epsilon=np.float64(1e-8))
    step = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=optimizer, steps=1)[w]
    mean_square = 1.0 + (100.0 - 1.0) * (1 - 0.99)  # TF1: from 1
    assert step == -(0.01 * -10.0 / np.sqrt(mean_square + 1e-8))
    assert abs(step - TORCH_RMSPROP_STEP_1) > 0.02


def test_the_hint_comes_whatever_the_keywords_order():
    """Review final48c: torch's keywords in another order (eps first) still name decay for alpha."""
    with pytest.raises(ConfigurationError, match=r"write epsilon; alpha=\.\.\.: write decay \(PyTorch's alpha\)"):
        symopt.RMSProp(0.01, eps=1e-8, alpha=0.99)
