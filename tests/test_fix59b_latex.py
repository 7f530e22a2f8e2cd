"""F42c-7, F42c-8: SymPy's LaTeX of symopt's nodes prints each argument once, and the sum's parentheses
under a power do not change how SymPy counts operations (nor so the order of terms)."""

import numpy as np
import sympy
from sympy.printing.latex import LatexPrinter

import symopt
from symopt import ops
from symopt.display.notation import text


class CountingPrinter(LatexPrinter):
    """SymPy's LaTeX printer counting the nodes it prints."""

    def __init__(self):
        super().__init__()
        self.calls = 0

    def _print(self, expr, **kwargs):
        self.calls += 1
        return super()._print(expr, **kwargs)


def network_cost(depth: int):
    hidden = symopt.Placeholder("X", (None, 2))
    for layer in range(1, depth + 1):
        weights = symopt.Variable(f"W{layer}", np.eye(2))
        bias = symopt.Variable(f"b{layer}", np.zeros((1, 2)))
        hidden = ops.tanh(ops.bias_add(hidden @ weights, bias))
    return ops.sum(hidden)


def printed_nodes(expr) -> int:
    printer = CountingPrinter()
    printer.doprint(expr)
    return printer.calls


def test_the_latex_of_a_deep_network_grows_linearly_with_its_depth():
    # twice per layer would be 2**12 = 4096 times the work of one layer at depth 12, 64 times that of depth 6
    shallow, deep = printed_nodes(network_cost(6)), printed_nodes(network_cost(12))
    assert deep < 3 * shallow


def test_a_data_sum_counts_as_no_operation_of_its_own():
    X = symopt.Placeholder("X", shape=(None, 3))
    w = symopt.Variable("w", 1.0)
    s = sympy.Symbol("s")  # the sum as one quantity, as before: w s + sin(w) has 3 operations
    assert sympy.count_ops(w * ops.sum(X) + sympy.sin(w)) == sympy.count_ops(w * s + sympy.sin(w)) == 3


def test_a_data_sum_keeps_its_place_before_a_function():
    X = symopt.Placeholder("X", shape=(None, 3))
    w = symopt.Variable("w", 1.0)
    assert text(sympy.sin(w) + w * ops.sum(X)) == "w·sum(X) + sin(w)"
    assert text(sympy.exp(w) + ops.sum(X)) == "sum(X) + exp(w)"


def test_a_power_of_a_sum_is_bracketed_in_latex_only():
    W = symopt.Variable("W", [[1.0], [2.0], [3.0]])
    assert sympy.latex(ops.sum(W) ** 2) == r"\left(\sum_{i,j} \left(W\right)_{ij}\right)^{2}"
    assert text(ops.sum(W) ** 2) == "sum(W)²"
