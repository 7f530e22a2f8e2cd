"""probe8 R13 and R17: ``symopt.jacobian`` of explicit scalar outputs was ``sympy.Matrix.jacobian`` (SymPy's
``diff``: ``Derivative(floor(a), a)``, ``DiracDelta``, a ``Max`` tie split 1/2 - 1/2); each row is now its output's
gradient by ``grad``'s rules.  A compiled Hessian-vector product pickles as a ``CompiledFunction`` does."""

import copy
import pickle

import numpy as np
import sympy

import symopt

a, b = symopt.Variable("a", 0.5), symopt.Variable("b", 0.5)
OUTPUTS = [b * sympy.floor(a), b * sympy.sign(a), sympy.Max(a, b), a * sympy.Heaviside(a), sympy.Min(a, 0),
           a**2 * b, sympy.Integer(3)]


def test_each_row_is_the_gradient_of_its_output():
    jacobian = symopt.jacobian(OUTPUTS, [a, b])
    for row, output in enumerate(OUTPUTS):
        wanted = [parameter for parameter in (a, b) if output.has(parameter)]
        gradients = dict(zip(wanted, symopt.grad(output, wanted))) if wanted else {}
        for column, parameter in enumerate((a, b)):
            assert sympy.simplify(jacobian[row, column] - gradients.get(parameter, 0)) == 0, (output, parameter)


def test_the_rows_evaluate_to_numbers_with_the_tie_rule_of_the_generated_code():
    jacobian = symopt.jacobian(OUTPUTS, [a, b])
    point = np.array(jacobian.subs({a: 0.5, b: 2.0}), dtype=float)  # floor: Derivative(floor(a), a) before
    np.testing.assert_array_equal(point[:2], [[0.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(point[5], [2 * 0.5 * 2.0, 0.25])
    tie = np.array(jacobian.subs({a: 0.0, b: 0.0}), dtype=float)
    assert list(tie[2]) == list(symopt.compile(sympy.Max(a, b), [a, b])(a=0.0, b=0.0)[1])  # [1, 0], not [1/2, 1/2]
    assert tie[4, 0] == symopt.compile(sympy.Min(a, 0), [a])(a=0.0)[1][0] == 1.0


def test_a_hessian_vector_product_pickles_and_copies():
    w, c = symopt.Variable("w", 0.5), sympy.Symbol("c")
    product = symopt.hvp(w**3 * c, w)
    expected = 6 * 2.0 * 1.0 * 1.5  # 6wc·v at w = 2, c = 1, v = 1.5
    assert product(1.5, {w: 2.0, c: 1.0}) == expected
    assert pickle.loads(pickle.dumps(product))(1.5, {w: 2.0, c: 1.0}) == expected
    assert copy.deepcopy(product)(1.5, {w: 2.0, c: 1.0}) == expected
