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
    ("return (numpy.exp(x) + 1)*(numpy.exp(x) + 1)", ["t0 = numpy.exp(x) + 1", "return t0*t0"]),  # probe19 P19-6
    ("y = x*1+é/numpy.log1p(a)+1+é/numpy.log1p(a)", ["t0 = é/numpy.log1p(a)", "y = x*1+t0+1+t0", "del t0"]),  # P19-1
    ("y = numpy.log(1 + numpy.exp(σ*x))*numpy.exp(σ*x)/(1 + numpy.exp(σ*x))",  # inner defined first, numbered in order
     ["t0 = numpy.exp(σ*x)", "t1 = 1 + t0", "y = numpy.log(t1)*t0/t1", "del t0, t1"]),
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
    "y = numpy.add(x, 1, out=x)*2 + numpy.add(x, 1, out=x)*2",  # ... also inside an operation (P19-7)
    "y = 0 < numpy.exp(x) < numpy.exp(x)",
    "t1 += numpy.exp(x)*numpy.exp(x)",  # only plain assignments and returns
    "y = x*a + x*a",  # no call: nothing worth a line
])
def test_what_may_not_move_stays(line):
    assert hoist_repeated_calls(_function(line)) == _function(line)


def test_one_parse_per_line_and_releases_merged(monkeypatch):
    """Work bounded by structure (probe19 P19-4: a hoist per parse made a 16-deep likelihood take 71 s): a line is
    parsed at most once however many subexpressions it hoists, and only where a function's name repeats in it; a
    release beside the emitter's own becomes one line."""
    import ast
    parsed = []
    real_parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda text, *a, **k: parsed.append(text) or real_parse(text, *a, **k))
    body = "numpy.exp(x)"
    for _ in range(12):
        body = f"numpy.log(1 + {body})*numpy.log(1 + {body})"
    source = f"def f(x):\n    y = {body}\n    del x\n    return y\n"
    hoisted = hoist_repeated_calls(source)
    assert len(parsed) == 1  # the statement, once; the def, del and return lines name no function twice, so
    # they are not parsed at all (probe43's RK4 step: 11 000 lines, parsed in 7 s of its 10 s build)
    lines = hoisted.split("\n")
    assert lines[1:3] == ["    t0 = numpy.log(1 + numpy.exp(x))", "    t1 = numpy.log(1 + t0*t0)"]  # 2**12 calls: 13
    assert lines[-4:] == ["    y = t11*t11", "    del t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, x",
                          "    return y", ""]
    assert hoisted.unshared == source


def test_temporaries_are_numbered_in_line_order_and_keep_the_indentation():
    """probe19 P19-5: a hoisted definition stands above the line it serves, so the function's temporaries are
    renumbered in the order they are defined (t0, t1, t2 reading down), in the unshared text too."""
    source = "def f(x):\n    t7 = x + 1\n    for step in range(3):\n        t8 = numpy.exp(t7)*numpy.exp(t7)\n"
    hoisted = hoist_repeated_calls(source)
    assert hoisted == ("def f(x):\n    t0 = x + 1\n    for step in range(3):\n        t1 = numpy.exp(t0)\n"
                       "        t2 = t1*t1\n        del t1\n")
    assert hoisted.unshared == "def f(x):\n    t0 = x + 1\n    for step in range(3):\n        t2 = numpy.exp(t0)*numpy.exp(t0)\n"


def test_no_temporary_takes_a_parameters_name():
    """review11 R11-4: renumbered from t0, a hoisted temporary took the name of the parameter t1 and deleted it."""
    source = "def f(t1, x):\n    t5 = x*t1\n    t7 = numpy.exp(t5)*numpy.exp(t5)\n    return t7 + t1\n"
    assert hoist_repeated_calls(source) == ("def f(t1, x):\n    t0 = x*t1\n    t2 = numpy.exp(t0)\n"
                                            "    t3 = t2*t2\n    del t2\n    return t3 + t1\n")


def test_a_parameter_named_like_a_temporary_keeps_its_name():
    source = "def f(t3, x):\n    t5 = x*t3\n    t1 = numpy.exp(t5)*numpy.exp(t5)\n    return t1, 't5'\n"
    assert hoist_repeated_calls(source) == ("def f(t3, x):\n    t0 = x*t3\n    t1 = numpy.exp(t0)\n"
                                            "    t2 = t1*t1\n    del t1\n    return t2, 't5'\n")


X = symopt.Placeholder("x", (None, 1))
W = symopt.Variable("w", 0.0)
LIKELIHOOD = ops.mean(X.applyfunc(lambda s: sp.log(1 + sp.exp(W * s)) * sp.exp(W * s)))
K, L = symopt.Variable("lk", 0.5), symopt.Variable("ll", 0.0)
WEIBULL = ops.mean(X.applyfunc(lambda s: -(K - L + (sp.exp(K) - 1) * (sp.log(s) - L) - (s / sp.exp(L)) ** sp.exp(K))))


def test_a_diagnosis_quotes_the_line_as_written():
    """probe19 P19-2 / P19-3: a DomainError reruns the unshared program, so it names the first failing operation
    in the line's own order and quotes no temporary it does not show."""
    X = symopt.Placeholder("x", (None, 1))
    k, l = symopt.Variable("k", 0.5), symopt.Variable("l", 0.0)
    cost = ops.mean(X.applyfunc(lambda s: sp.log(1 - sp.exp(k * s)) * sp.exp(k * s) + l ** 2))
    with pytest.raises(symopt.errors.DomainError, match=r"generated line: cost = \(l\*\*2 \+ numpy.exp\(x\*k\)\*numpy.log"):
        symopt.minimize(cost, [k, l], data={X: np.array([[-1.0], [-2.0], [-0.5]])},
                        optimizer=symopt.GradientDescent(0.5), steps=50)
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 1.0)
    cost = ops.mean(X.applyfunc(lambda z: sp.sqrt(z - a) + 1 / (1 + sp.exp(b * z)) * (1 - 1 / (1 + sp.exp(b * z)))))
    source = symopt.compile(cost, [a, b]).source
    assert source.index("numpy.exp(x*b)") < source.index("numpy.sqrt")  # hoisted ahead of the sqrt
    with pytest.raises(symopt.errors.DomainError, match="invalid value in sqrt"):  # not a DivergenceError: exp(800)
        symopt.minimize(cost, [a, b], data={X: np.array([[1.0], [-0.5], [800.0]])},
                        optimizer=symopt.GradientDescent(0.01), steps=3)


def test_a_greek_parameter_compiles_with_its_exponential_once(monkeypatch):
    """probe19 P19-1: ast's offsets are UTF-8 bytes; σ before a cut shifted it (a SyntaxError, or a wrong line)."""
    X, sigma = symopt.Placeholder("x", (None, 1)), symopt.Variable("σ", 1.0)
    cost = ops.mean(X.applyfunc(lambda v: sp.exp(v / sigma) / (1 + sp.exp(v / sigma))))
    function = symopt.compile(cost, sigma)
    plain = _unhoisted(cost, sigma, monkeypatch)
    assert function.source.count("numpy.exp(x/σ)") == 1 < plain.source.count("numpy.exp(x/σ)")
    data = np.random.default_rng(2).normal(size=(30, 1))
    assert function(1.3, data) == plain(1.3, data)


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


def test_a_step_from_the_disk_cache_keeps_its_unshared_text(tmp_path):
    """probe19 P19-10: a later process loading the step from cache_dir diagnosed the hoisted text (P19-2/3 again)."""
    import json
    from symopt.fused import compile_step
    X = symopt.Placeholder("x", (None, 1))
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 1.0)
    cost = ops.mean(X.applyfunc(lambda z: sp.sqrt(z - a) + 1 / (1 + sp.exp(b * z)) * (1 - 1 / (1 + sp.exp(b * z)))))
    built = compile_step(cost, [a, b], symopt.GradientDescent(0.01), [X], dtype="float64", cache_dir=tmp_path,
                         module="numpy")
    CACHE.clear()
    loaded = compile_step(cost, [a, b], symopt.GradientDescent(0.01), [X], dtype="float64", cache_dir=tmp_path,
                          module="numpy")
    assert loaded is not built and loaded.step.source.unshared == built.step.source.unshared != built.step.source
    entry = json.loads(next(tmp_path.glob("step-*.json")).read_text())
    assert entry["step_unshared"] == built.step.source.unshared
    CACHE.clear()
    with pytest.raises(symopt.errors.DomainError, match="invalid value in sqrt"):
        symopt.minimize(cost, [a, b], data={X: np.array([[1.0], [-0.5], [800.0]])},
                        optimizer=symopt.GradientDescent(0.01), steps=3, cache_dir=tmp_path)
    entry["step_unshared"] = "def step(:\n"  # a damaged entry is not used: rebuilt
    next(tmp_path.glob("step-*.json")).write_text(json.dumps(entry))
    CACHE.clear()
    assert compile_step(cost, [a, b], symopt.GradientDescent(0.01), [X], dtype="float64", cache_dir=tmp_path,
                        module="numpy").step.source.unshared == built.step.source.unshared


def test_a_line_is_parsed_only_where_a_call_name_repeats(monkeypatch):  # probe43 p02: 7 s of parsing
    import ast
    parsed = []
    real_parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda text, *a, **k: parsed.append(text) or real_parse(text, *a, **k))
    lines = [f"    t{i} = numpy.exp(x{i})*numpy.log(x{i}) + numpy.sqrt(x{i})" for i in range(200)]
    source = "def f(x):\n" + "\n".join(lines) + "\n    y = numpy.exp(x)*numpy.exp(x)\n    return y\n"
    hoisted = hoist_repeated_calls(source)
    assert parsed == ["y = numpy.exp(x)*numpy.exp(x)"]  # the one line naming a function twice
    assert "    t200 = numpy.exp(x)" in hoisted.split("\n") and "    y = t200*t200" in hoisted.split("\n")
