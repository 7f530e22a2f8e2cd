"""A call printed twice on one line is computed once (symopt.repeated_calls; probe16 Z16): the statistician's
applyfunc likelihood computed numpy.exp(x*w) six times a call.  Same bits as the program printed without it."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops
from symopt.compiler import CACHE
from symopt.printers import NumPyProgramPrinter
from symopt.repeated_calls import hoist_repeated_calls


def _function(source: str) -> str:
    return "def f(x, a, c):\n" + "".join(f"    {line}\n" for line in source.split("\n"))


@pytest.mark.parametrize("line, expected", [
    ("y = numpy.exp(x)/(1 + numpy.exp(x))", ["t0 = numpy.exp(x)", "y = t0/(1 + t0)", "del t0"]),
    ("return a/(numpy.exp(x) + 1) + numpy.log(numpy.exp(x) + 1)",  # grouping parentheses go, a call's stay
     ["t0 = numpy.exp(x) + 1", "return a/t0 + numpy.log(t0)"]),
    ("return numpy.sqrt(x).sum(), (numpy.sqrt(x)*a,)", ["t0 = numpy.sqrt(x)", "return t0.sum(), (t0*a,)"]),
])
def test_a_repeated_call_is_bound_once(line, expected):
    assert hoist_repeated_calls(_function(line)) == _function("\n".join(expected))


@pytest.mark.parametrize("line", [
    "return numpy.exp(x), numpy.exp(x)",  # two outputs are two arrays
    "return X.T.copy(), (X.T.copy(),)",
    "y = numpy.exp(x) if c else numpy.exp(x)*2",  # Python evaluates one branch
    "y = c and numpy.exp(x) or numpy.exp(x)",
    "y = (lambda: numpy.exp(x))() + numpy.exp(x)",
    "y = [numpy.exp(v) for v in x] + [numpy.exp(v) for v in x]",
    "y = numpy.maximum(x, 0, out=x) + numpy.maximum(x, 0, out=x)",  # a call that writes its argument
    "y = 0 < numpy.exp(x) < numpy.exp(x)",
    "t1 += numpy.exp(x)*numpy.exp(x)",  # only plain assignments and returns
    "y = x*a + x*a",  # no call: nothing worth a line
])
def test_what_may_not_move_stays(line):
    assert hoist_repeated_calls(_function(line)) == _function(line)


def test_new_temporaries_follow_the_old_and_keep_the_indentation():
    source = "def f(x):\n    t7 = x + 1\n    for step in range(3):\n        t8 = numpy.exp(t7)*numpy.exp(t7)\n"
    assert hoist_repeated_calls(source) == (
        "def f(x):\n    t7 = x + 1\n    for step in range(3):\n        t9 = numpy.exp(t7)\n"
        "        t8 = t9*t9\n        del t9\n")


X = symopt.Placeholder("x", (None, 1))
W = symopt.Variable("w", 0.0)
LIKELIHOOD = ops.mean(X.applyfunc(lambda s: sp.log(1 + sp.exp(W * s)) * sp.exp(W * s)))
K, L = symopt.Variable("lk", 0.5), symopt.Variable("ll", 0.0)
WEIBULL = ops.mean(X.applyfunc(lambda s: -(K - L + (sp.exp(K) - 1) * (sp.log(s) - L) - (s / sp.exp(L)) ** sp.exp(K))))


def _unhoisted(cost, parameters, monkeypatch):
    monkeypatch.setattr(NumPyProgramPrinter, "hoists_repeated_calls", False)
    CACHE.clear()
    function = symopt.compile(cost, parameters)
    monkeypatch.undo()
    CACHE.clear()
    return function


def test_the_likelihood_computes_its_exponential_once(monkeypatch):
    function = symopt.compile(LIKELIHOOD, W)
    assert function.source.splitlines()[3:] == [
        "    t1 = numpy.exp(x*w)",
        "    t2 = 1 + t1",
        "    t3 = numpy.log(t2)",
        "    return (t1*t3).sum()/m, ((t0*((t1/t2 + t3)*x*t1)).sum(),)"]
    plain = _unhoisted(LIKELIHOOD, W, monkeypatch)
    assert plain.source.count("numpy.exp(x*w)") == 6
    data = np.random.default_rng(0).normal(size=(50, 1))
    for w in (-1.3, 0.0, 0.7):
        value, gradient = function(w, data)
        assert (value, gradient) == plain(w, data)  # the same bits
        e = np.exp(data * w)
        assert value == pytest.approx(np.mean(np.log1p(e) * e), rel=1e-13)
        assert gradient == pytest.approx(np.mean((e / (1 + e) + np.log1p(e)) * data * e), rel=1e-13)


def test_the_weibull_likelihood_is_unchanged_in_its_bits(monkeypatch):
    function = symopt.compile(WEIBULL, [K, L])
    plain = _unhoisted(WEIBULL, [K, L], monkeypatch)
    assert len(function.source) < len(plain.source)
    assert plain.source.count("numpy.exp(lk)") > function.source.count("numpy.exp(lk)") == 1
    data = np.random.default_rng(1).uniform(0.1, 3.0, size=(40, 1))
    for k, l in ((0.5, 0.0), (-0.3, 1.2)):
        value, gradient = function(k, l, data)
        assert value == plain(k, l, data)[0] and list(gradient) == list(plain(k, l, data)[1])
        step = 1e-6
        numeric = [(function(k + step, l, data)[0] - function(k - step, l, data)[0]) / (2 * step),
                   (function(k, l + step, data)[0] - function(k, l - step, data)[0]) / (2 * step)]
        np.testing.assert_allclose(gradient, numeric, rtol=1e-6)
