"""A stream given to optimizer_paths or method_paths as data died with "AttributeError: 'function' object has no
attribute 'items'" after its runs: the picture draws J over all the data.  It is now a ConfigurationError, raised
before any run."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from symopt.plot import method_paths, optimizer_paths  # noqa: E402

DATA = np.random.default_rng(1).normal(3.0, 2.0, size=(50, 1))
x = symopt.Placeholder("x", (None, 1))
mu, ls = symopt.Variable("mu", 0.0), symopt.Variable("ls", 0.0)


def stream():
    return ({x: DATA[start:start + 10]} for start in range(0, 50, 10))


@pytest.mark.parametrize("draw, wrt", [(optimizer_paths, {mu: 0.0}), (method_paths, {mu: 0.0, ls: 0.0})])
def test_a_stream_is_refused_naming_the_arrays(draw, wrt):
    cost = ops.mean(ops.square(x - (mu + ls) * sympy.OneMatrix(*x.shape)))
    optimizers = {"gd": symopt.GradientDescent(0.1)}
    with pytest.raises(ConfigurationError) as caught:
        draw(cost, wrt, optimizers, data=stream)
    assert str(caught.value) == (f"{draw.__name__}: data should be a dict {{input: array}} (J is drawn over all the "
                                 "data at every point of the picture); given function. A stream of mini-batches cannot "
                                 "draw J: pass its arrays, e.g. data={X: features, y: targets}")
