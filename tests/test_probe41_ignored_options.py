"""probe41 P41-6: first-order options given as 0 (or False) with method= are refused as any other value is, not
accepted and ignored because 0 == False."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)


@pytest.mark.parametrize("option", [dict(clip_value=0), dict(clip_norm=0.0), dict(batch_size=0), dict(epochs=0),
                                    dict(clip_value=False), dict(clip_value=0.5), dict(seed=0), dict(seed=1),
                                    dict(shuffle=False)])  # seed and shuffle: fix41's report
def test_a_first_order_option_is_refused_with_method(option):
    (name,) = option
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize((w - 3) ** 2, w, method="bfgs", **option)
    assert str(caught.value).startswith(f"{name}: not supported with method='bfgs' (optimizers, mini-batches, "
                                        "clipping and checkpoints belong to first-order runs)")


def test_the_options_left_out_run():
    assert symopt.minimize((w - 3) ** 2, w, method="bfgs").success
    assert symopt.minimize((w - 3) ** 2, w, method="bfgs", shuffle=True).success  # the default, as written
    assert symopt.minimize((w - 3) ** 2, w, method="bfgs", shuffle=np.True_).success  # final38a F38a-6
