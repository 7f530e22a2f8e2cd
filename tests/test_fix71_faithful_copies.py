"""A cost pickles and copies as it was built, unevaluated nodes included, and so does a CompiledFunction, which
compiles the same source again where it is unpickled (probe71 P71-8: SymPy's pickle evaluates each node again, so
``Add(1e16, w, -1e16, evaluate=False)`` came back as ``w`` and the worker's function gave 0.13 where the parent's
gave 0.04).  Oracles: the original's ``sympy.srepr`` (its exact tree) and the float arithmetic written by hand."""

import copy
import pickle

import pytest
import sympy

import symopt
from symopt import ops
from symopt.cache import clear_caches
from symopt.faithful_copies import faithful

w, c = symopt.Variable("w", 0.3), symopt.Variable("c", 0.2)
X, Y = symopt.Placeholder("X", shape=(None, 4)), symopt.Placeholder("Y", shape=(None, 3))
W, b = symopt.Variable("W", 0.1, shape=(4, 3)), symopt.Variable("b", 0.0, shape=(3,))
ORDERED_SUM = sympy.Add(sympy.Float(1e16), w, sympy.Float(-1e16), evaluate=False) ** 2 + c ** 2

COSTS = {
    "unevaluated sum": ORDERED_SUM,
    "unevaluated product": sympy.Mul(sympy.Add(w, -c, evaluate=False), sympy.Add(1, -c, evaluate=False),
                                     evaluate=False) ** 2,
    "unevaluated function": sympy.sin(0, evaluate=False) + sympy.Pow(w, 1, evaluate=False),
    "softmax cross-entropy": ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y),
    "lecture": w ** 2 - 10 * w + 25,
    "integral (its constructor differs with evaluation off)": sympy.Integral(sympy.Symbol("x") * w,
                                                                             (sympy.Symbol("x"), 0, 1)),
    "unevaluated relation": sympy.Piecewise((w, sympy.Gt(1, 0, evaluate=False)), (c, True), evaluate=False),
    "piecewise and elementwise": sympy.Piecewise((w, w > 0), (c, True)) + ops.mean(ops.relu(X @ W)),
}
COPIES = {"pickle": lambda value: pickle.loads(pickle.dumps(value)), "deepcopy": copy.deepcopy, "copy": copy.copy}


@pytest.mark.parametrize("name", COSTS)
@pytest.mark.parametrize("how", COPIES)
def test_a_cost_comes_back_as_built(name, how):
    cost = COSTS[name]
    back = COPIES[how](faithful(cost))
    assert sympy.srepr(back) == sympy.srepr(cost)
    assert back == cost
    assert back.free_symbols == cost.free_symbols  # the same Variables, not copies of them


def test_a_deep_cost_pickles_without_recursion():
    cost = w
    for _ in range(3000):
        cost = sympy.Add(cost, c, evaluate=False)
    back = pickle.loads(pickle.dumps(faithful(cost)))  # SymPy's own pickle recurses once per level
    depth = 0
    while isinstance(back, sympy.Add):
        assert back.args[1] == c
        back, depth = back.args[0], depth + 1
    assert back == w and depth == 3000


@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_a_compiled_function_compiles_the_same_source_where_it_is_unpickled(how):
    f = symopt.compile(ORDERED_SUM, [w, c])
    expected = (1e16 + 0.3 - 1e16) ** 2 + 0.2 * 0.2  # in the order the cost is written: 0.04000000000000001
    assert f(w=0.3, c=0.2)[0] == expected
    clear_caches()  # as a worker process: nothing compiled yet
    g = COPIES[how](f)
    assert g.source == f.source
    assert g(w=0.3, c=0.2)[0] == expected


@pytest.mark.parametrize("how", COPIES)
def test_an_update_rule_keeps_tf1s_order(how):
    rule = symopt.update_rule(symopt.Adam(0.1))
    back = COPIES[how](rule)
    # TF1's kernel order (training_ops.cc; docs DESIGN.md): m += (g - m)*(1 - beta1), var -= m*alpha/(sqrt(v) + eps)
    assert "m ← m + (g - m)(1 - β₁)" in str(back)
    assert "/(√v + ε)" in str(back)
    assert str(back) == str(rule) and back.latex() == rule.latex()


def test_a_hessian_vector_product_compiles_the_same_source_where_it_is_unpickled():
    cost = sympy.Add(sympy.Float(1e16), w, sympy.Float(-1e16), evaluate=False) ** 3 + c ** 2
    h = symopt.hvp(cost, [w, c])
    # d²J/dw² = 6*(1e16 + w - 1e16), 0 in float64 at w = 0.3 (1e16 + 0.3 rounds to 1e16)
    assert float(h([1.0, 0.0], {w: 0.3, c: 0.2})[0]) == 6 * (1e16 + 0.3 - 1e16) == 0.0
    clear_caches()
    back = pickle.loads(pickle.dumps(h))
    assert back.source == h.source
    assert float(back([1.0, 0.0], {w: 0.3, c: 0.2})[0]) == 0.0
