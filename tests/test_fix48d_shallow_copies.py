"""probe95 P95-2: ``copy.copy`` of a compiled function or a Hessian-vector product is the object itself (compiled code
is never changed); it raised ConfigurationError naming symopt's internal ``Faithful`` wrapper.  The oracle is
``sympy.diff`` of the cost, evaluated by SymPy."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 0.5)
a = symopt.Placeholder("a")
COST = sympy.exp(a * w) + w ** 2
AT = {w: 0.3, a: 1.2}


def test_a_shallow_copy_of_a_compiled_function_is_the_function():
    f = symopt.compile(COST, w)
    copied = copy.copy(f)
    assert copied is f
    value, gradient = copied(w=0.3, a=1.2)
    assert value == pytest.approx(float(COST.subs(AT)), rel=1e-14)
    assert gradient == pytest.approx(float(sympy.diff(COST, w).subs(AT)), rel=1e-14)


def test_a_shallow_copy_of_a_hessian_vector_product_is_the_product():
    product = symopt.hvp(COST, w)
    copied = copy.copy(product)
    assert copied is product
    assert float(np.ravel(copied(2.0, {w: 0.3, a: 1.2}))[0]) == \
        pytest.approx(2.0 * float(sympy.diff(COST, w, 2).subs(AT)), rel=1e-14)


def test_deep_copies_still_rebuild_them():
    f, product = symopt.compile(COST, w), symopt.hvp(COST, w)
    copied, copied_product = copy.deepcopy(f), copy.deepcopy(product)
    assert copied is not f and copied_product is not product
    value, gradient = copied(w=0.3, a=1.2)
    assert value == pytest.approx(float(COST.subs(AT)), rel=1e-14)
    assert gradient == pytest.approx(float(sympy.diff(COST, w).subs(AT)), rel=1e-14)
    assert float(np.ravel(copied_product(2.0, {w: 0.3, a: 1.2}))[0]) == \
        pytest.approx(2.0 * float(sympy.diff(COST, w, 2).subs(AT)), rel=1e-14)
