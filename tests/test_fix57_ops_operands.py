"""ops take any SymPy matrix or array: mutable, sparse, Array, BlockMatrix (probe57 P57-1, P57-8).

Oracle: sympy.diff of the same cost written as a scalar formula."""

import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, UnsupportedOperationError

w = symopt.Variable("w", 0.5)
b = symopt.Variable("b", 0.2)
ws, bs = sympy.symbols("w b", real=True)
AT = {ws: 1.0, bs: 2.0}

OPERANDS = {
    "Matrix": sympy.Matrix([w ** 2, b ** 2, w * b]),
    "Matrix.T": sympy.Matrix([w ** 2, b ** 2, w * b]).T,
    "SparseMatrix": sympy.SparseMatrix([w ** 2, b ** 2, w * b]),
    "ImmutableSparseMatrix": sympy.ImmutableSparseMatrix([w ** 2, b ** 2, w * b]),
    "Array": sympy.Array([w ** 2, b ** 2, w * b]),
    "MutableDenseNDimArray": sympy.MutableDenseNDimArray([w ** 2, b ** 2, w * b]),
    "Array rank 2": sympy.Array([[w ** 2, b ** 2, w * b]]),
    "BlockMatrix": sympy.BlockMatrix([[sympy.ImmutableMatrix([[w ** 2]]), sympy.ImmutableMatrix([[b ** 2, w * b]])]]),
}
FORMULA = ws ** 2 + bs ** 2 + ws * bs


def _oracle(formula):
    return float(formula.subs(AT)), [float(sympy.diff(formula, s).subs(AT)) for s in (ws, bs)]


@pytest.mark.parametrize("kind", sorted(OPERANDS))
@pytest.mark.parametrize("reduce, scale", [(ops.sum, 1), (ops.mean, sympy.Rational(1, 3))])
def test_reduction_compiles_to_the_formula(kind, reduce, scale):
    cost = reduce(OPERANDS[kind]) + w
    value, gradient = symopt.compile(cost, [w, b])(w=1.0, b=2.0)
    expected_value, expected_gradient = _oracle(scale * FORMULA + ws)
    assert float(value) == pytest.approx(expected_value)
    assert [float(g) for g in gradient] == pytest.approx(expected_gradient)


@pytest.mark.parametrize("kind", ["Matrix", "SparseMatrix", "Array"])
def test_grad_and_explain_see_the_parameters(kind):
    cost = ops.sum(OPERANDS[kind])
    gradient = symopt.grad(cost, [w, b])
    assert [sympy.expand(g) for g in gradient] == [sympy.diff(FORMULA, s).subs({ws: w, bs: b}) for s in (ws, bs)]
    assert "does not depend" not in str(symopt.explain(cost, [w, b]))
    symopt.graph(cost)  # raised AttributeError on a mutable Matrix


def test_matrix_inside_elementwise_ops():
    cost = ops.sum(ops.exp(sympy.Matrix([w, b])))
    _, gradient = symopt.compile(cost, [w, b])(w=1.0, b=2.0)
    assert [float(g) for g in gradient] == pytest.approx([float(sympy.exp(1)), float(sympy.exp(2))])


def test_array_of_rank_three_is_refused():
    with pytest.raises(ShapeError, match=r"expected a matrix \(at most 2 axes\); given a sympy.Array of shape"):
        ops.sum(sympy.Array([[[w, b]]]))


def test_block_matrix_of_batch_sized_blocks_is_refused():
    X = symopt.Placeholder("X", (None, 2))
    Y = symopt.Placeholder("Y", (None, 1))
    with pytest.raises(UnsupportedOperationError, match=r"sympy.BlockMatrix .* Apply the op to each block"):
        ops.sum(sympy.BlockMatrix([[X, Y]]))
