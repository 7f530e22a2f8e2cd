"""48g-8 (reader final48g): optimizer_paths(..., data=[(X, xs), (y, ys)]), a list of pairs (no stream), got
fix48g's "A stream of mini-batches cannot draw J" instead of main's FeedError naming the mistake.  Only streams are
refused by the picture now; other kinds get the binding's own message, raised before any run."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from symopt.plot import optimizer_paths  # noqa: E402

X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
w = symopt.Variable("w", 0.0)
XS = np.linspace(0, 1, 10).reshape(-1, 1)
COST = ops.mean(ops.square(X * w - Y))


def test_a_list_of_pairs_gets_the_bindings_message():
    with pytest.raises(FeedError) as caught:
        optimizer_paths(COST, {w: 0.5}, {"gd": symopt.GradientDescent(0.1)}, data=[(X, XS), (Y, 2 * XS)])
    assert "given list whose first item is tuple. Write data={X: features, y: targets}" in str(caught.value)


@pytest.mark.parametrize("stream", [[{X: XS, Y: 2 * XS}], iter([{X: XS, Y: 2 * XS}])], ids=["list", "iterator"])
def test_a_list_or_iterator_of_batches_is_refused_as_a_stream(stream):
    with pytest.raises(ConfigurationError, match="A stream of mini-batches cannot draw J"):
        optimizer_paths(COST, {w: 0.5}, {"gd": symopt.GradientDescent(0.1)}, data=stream)
