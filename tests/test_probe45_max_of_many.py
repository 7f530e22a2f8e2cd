"""probe45 P45-4: the gradient of ``Max(n terms)`` compared every argument with every other (n - 1 comparisons in each
of n masks), and building ``Max`` of n dummies compared every pair: grad took 40 s and compile 46 s at n = 100, with
178 kB of generated source.  Past three arguments the masks are now one ``FirstMaximum`` (argmax) of the arguments,
and ``FirstMaximum(...) = k`` each; the work is counted, not timed."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.reductions import FirstMaximum
from symopt.traversal import postorder


def _minimax(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    w1, w2 = symopt.Variable("w1", 0.0), symopt.Variable("w2", 0.0)
    C, d = rng.normal(size=(n, 2)), rng.normal(size=n)
    terms = [float(c[0]) * w1 + float(c[1]) * w2 - float(di) for c, di in zip(C, d)]
    return w1, w2, C, d, sympy.Max(*terms, evaluate=False) + sympy.Rational(1, 10) * (w1 ** 2 + w2 ** 2)


def _distinct_nodes(expressions) -> int:
    return len({node for node in postorder(list(expressions))})


def test_the_gradient_of_a_max_of_n_terms_grows_linearly_with_one_argmax():
    sizes = {}
    for n in (50, 100):
        w1, w2, _, _, J = _minimax(n)
        gradient = symopt.grad(J, [w1, w2])
        sizes[n] = _distinct_nodes(gradient)
        argmaxes = {node for node in postorder(list(gradient)) if isinstance(node, FirstMaximum)}
        assert len(argmaxes) == 1 and len(next(iter(argmaxes)).args) == n
    assert sizes[100] < 2.2 * sizes[50]  # linear: the pairwise masks grew 4x


def test_the_compiled_gradient_is_the_argmax_row_and_its_source_grows_linearly():
    lengths = {}
    for n in (12, 24):
        w1, w2, C, d, J = _minimax(n)
        function = symopt.compile(J, [w1, w2])
        lengths[n] = len(function.source)
        assert function.source.count("argmax") == 1
        for point in np.random.default_rng(n).normal(size=(5, 2)):
            value, gradient = function(w1=point[0], w2=point[1])
            row = int(np.argmax(C @ point - d))  # the oracle: NumPy's max and the argmax row of C
            assert value == pytest.approx((C @ point - d).max() + 0.1 * point @ point, rel=1e-14)
            assert np.allclose(gradient, C[row] + 0.2 * point, rtol=1e-14)
    assert lengths[24] < 2.2 * lengths[12]


def test_ties_go_to_the_first_argument_and_a_larger_constant_takes_the_gradient_from_all():
    w = symopt.Variable("w", 0.0)
    J = sympy.Max(w, 2 * w - 1, 3 * w - 2, 4 * w - 3, evaluate=False)  # all equal 1 at w = 1
    function = symopt.compile(J, w)
    assert function(w=1.0) == (1.0, 1.0)  # the first argument's slope, as the pairwise masks gave
    assert function(w=2.0) == (5.0, 4.0)
    J = sympy.Max(w, 2 * w, 3 * w, 5, evaluate=False)
    assert symopt.compile(J, w)(w=1.0) == (5.0, 0.0)  # the constant is strictly largest: no argument's gradient
    assert symopt.compile(J, w)(w=5 / 3) == (5.0, 3.0)  # a tie with the constant goes to the argument
    K = sympy.Min(w, 2 * w, 3 * w, -1, evaluate=False)
    assert symopt.compile(K, w)(w=-1.0) == (-3.0, 3.0) and symopt.compile(K, w)(w=0.5) == (-1.0, 0.0)


def test_first_maximum_of_numbers_is_the_first_largest_position():
    assert FirstMaximum(1, 3, 3, 2) == 1 and FirstMaximum(sympy.Float(-1.5), -2) == 0
    assert symopt.grad(FirstMaximum(*sympy.symbols("a b c")), list(sympy.symbols("a b c"))) == [0, 0, 0]


def test_compiling_a_max_of_n_terms_compares_no_pair_of_them(monkeypatch):
    """The program builder rebuilt the forward ``Max`` (its arguments replaced by temporaries) evaluated, and SymPy
    compared every pair of arguments again (435 comparisons at n = 30; 10 s at n = 100): it is rebuilt as it was."""
    from sympy.functions.elementary.miscellaneous import MinMaxBase
    compared = {"pairs": 0}
    connected = MinMaxBase._is_connected.__func__

    def counted(cls, x, y):
        compared["pairs"] += 1
        return connected(cls, x, y)
    monkeypatch.setattr(MinMaxBase, "_is_connected", classmethod(counted))
    w1, w2, C, d, J = _minimax(30)
    f = symopt.compile(J, [w1, w2])
    assert compared["pairs"] == 0
    value, gradient = f(w1=0.3, w2=-0.2)
    k = int(np.argmax(C @ [0.3, -0.2] - d))
    np.testing.assert_allclose(value, (C @ [0.3, -0.2] - d).max() + 0.013, rtol=1e-12)
    np.testing.assert_allclose(gradient, C[k] + 0.2 * np.array([0.3, -0.2]), rtol=1e-12)
