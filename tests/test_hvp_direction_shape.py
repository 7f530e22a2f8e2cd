"""A Hessian-vector product takes its direction in the parameter's shape or flat, never another shape of the same
size (probe20 P20-6: a (2, 3) direction for a (3, 2) weight was reshaped in C order and the product came back
(2, 3), neither H v nor (H v).T)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

X = symopt.Placeholder("X", (None, 3))
Y = symopt.Placeholder("Y", (None, 2))
W = symopt.Variable("W", 0.0, shape=(3, 2))
RNG = np.random.default_rng(0)
POINT = {X: RNG.normal(size=(5, 3)), Y: RNG.normal(size=(5, 2)), W: RNG.normal(size=(3, 2))}
PRODUCT = symopt.hessian(ops.mean(ops.square(ops.tanh(X @ W) - Y)), W)


def _central_difference_hvp(v, step=1e-6):
    gradient = symopt.compile(ops.mean(ops.square(ops.tanh(X @ W) - Y)), W)
    feed = {"X": POINT[X], "Y": POINT[Y]}
    plus = gradient(W=POINT[W] + step * v, **feed)[1]
    minus = gradient(W=POINT[W] - step * v, **feed)[1]
    return (plus - minus) / (2 * step)


def test_the_transposed_direction_is_refused_naming_both_shapes():
    v = RNG.normal(size=(3, 2))
    with pytest.raises(ShapeError, match=r"should have the parameter's shape \(3, 2\) \(or be flat, shape \(6,\)\); "
                                         r"given shape \(2, 3\)\. .*the transpose of \(3, 2\): pass v\.T"):
        PRODUCT(v.T.copy(), POINT)


@pytest.mark.parametrize("shape", [(2, 3, 1), (1, 2, 3)])
def test_other_shapes_of_the_same_size_are_refused(shape):
    with pytest.raises(ShapeError, match=r"given shape " + re_shape(shape)):
        PRODUCT(np.ones(shape), POINT)


def re_shape(shape):
    return r"\(" + r", ".join(map(str, shape)) + (r",\)" if len(shape) == 1 else r"\)")


def test_the_parameters_shape_and_the_flat_vector_give_h_v():
    v = RNG.normal(size=(3, 2))
    expected = _central_difference_hvp(v)
    np.testing.assert_allclose(PRODUCT(v, POINT), expected, atol=1e-6)
    flat = PRODUCT(v.ravel(), POINT)
    assert flat.shape == (6,)
    np.testing.assert_allclose(flat, expected.ravel(), atol=1e-6)


@pytest.mark.parametrize("shape", [(1, 6), (6, 1), (1, 6, 1)])
def test_a_column_or_row_of_the_entries_reads_in_one_order_only(shape):
    # one long axis: the entries in row-major order, as a flat direction (review10 R10-3: refused, main was right)
    v = RNG.normal(size=(3, 2))
    product = PRODUCT(v.reshape(shape), POINT)
    assert product.shape == shape
    np.testing.assert_allclose(product.ravel(), _central_difference_hvp(v).ravel(), atol=1e-6)



def test_a_list_of_one_parameter_takes_and_gives_a_list_as_grad_does():
    """P20-6 (related): ``symopt.hessian(J, [W])`` called with ``[v]`` (grad's list of one) was refused as a (1, 3, 2)
    direction; it gives ``[H v]``, and a bare ``v`` still gives the bare product."""
    cost = ops.mean(ops.square(ops.tanh(X @ W) - Y))
    v = RNG.normal(size=(3, 2))
    oracle = _central_difference_hvp(v)
    listed = symopt.hessian(cost, [W])
    assert isinstance(symopt.grad(cost, [W]), list)
    got = listed([v], POINT)
    assert isinstance(got, list) and len(got) == 1 and got[0].shape == (3, 2)
    np.testing.assert_allclose(got[0], oracle, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(listed(v, POINT), oracle, rtol=1e-6, atol=1e-9)
    assert isinstance(symopt.hvp(cost, (W,))((v,), POINT), tuple)


def test_several_parameters_come_back_in_the_structure_of_wrt():
    """P20-6 (related): a list wrt gave a tuple (grad gives a list); a dict wrt takes and gives a dict."""
    b = symopt.Variable("b", 0.0, shape=(1, 2))
    cost = ops.mean(ops.square(ops.tanh(ops.bias_add(X @ W, b)) - Y))
    point = {**POINT, b: RNG.normal(size=(1, 2))}
    v, u = RNG.normal(size=(3, 2)), RNG.normal(size=(1, 2))
    as_list = symopt.hvp(cost, [W, b])([v, u], point)
    assert isinstance(as_list, list)
    assert isinstance(symopt.hvp(cost, (W, b))([v, u], point), tuple)
    as_dict = symopt.hvp(cost, {"W": None, "b": None})({"b": u, "W": v}, point)
    assert list(as_dict) == ["W", "b"]
    for got, expected in zip((as_dict["W"], as_dict["b"]), as_list):
        np.testing.assert_array_equal(got, expected)
    step = 1e-6  # central differences of the gradient along (v, u)
    gradient = symopt.compile(cost, [W, b])
    feed = {"X": point[X], "Y": point[Y]}
    plus = gradient(W=point[W] + step * v, b=point[b] + step * u, **feed)[1]
    minus = gradient(W=point[W] - step * v, b=point[b] - step * u, **feed)[1]
    for got, high, low in zip(as_list, plus, minus):
        np.testing.assert_allclose(got, (high - low) / (2 * step), rtol=1e-6, atol=1e-9)
    with pytest.raises(ShapeError, match=r"one direction per parameter, keyed as wrt \(W, b\); given none for b"):
        symopt.hvp(cost, {"W": None, "b": None})({"W": v}, point)


def test_a_hessian_vector_product_takes_its_point_by_keyword_as_a_compiled_function_does():
    """probe23 P23-2: ``hv(v, x=0.7, y=-0.4)``, as ``compile``'s functions take values, was a bare TypeError, and so
    were ``hv()`` and a text direction; a parameter named ``v`` is a keyword like any other."""
    import sympy
    from symopt.errors import ConfigurationError, FeedError
    x, y = sympy.symbols("x y")
    cost = sympy.exp(x * y) + sympy.cosh(x) * sympy.atan(y)
    hv = symopt.hvp(cost, [x, y])
    expected = np.array(sympy.hessian(cost, [x, y]).subs({x: 0.7, y: -0.4}), dtype=float) @ [1.0, 2.0]
    for product in (hv([1.0, 2.0], {x: 0.7, y: -0.4}), hv([1.0, 2.0], x=0.7, y=-0.4), hv([1.0, 2.0], {x: 0.7}, y=-0.4)):
        np.testing.assert_allclose(np.array(product, dtype=float), expected, rtol=1e-12)
    with pytest.raises(ConfigurationError, match=r"expected the direction v.*hv\(v, name=value"):
        hv(x=0.7, y=-0.4)
    with pytest.raises(FeedError, match="the direction v as numbers"):
        hv("ab", {x: 0.7, y: -0.4})
    v, w = sympy.symbols("v w")
    assert [float(p) for p in symopt.hvp(v ** 2 * w, [v, w])([1.0, 0.0], v=2.0, w=3.0)] == [6.0, 4.0]


def test_a_hessian_vector_products_call_forms_that_cannot_work_say_how_to_call_it():
    """final33 F33-3, F33-4, F33-12: a name given both in the dict and by keyword (the keyword won silently), the
    former keyword spellings v= / values= (now positional: they were called unknown inputs) and two mappings."""
    import sympy
    from symopt.errors import ConfigurationError, FeedError
    x, y = sympy.symbols("x y")
    hv = symopt.hvp(x ** 2 * y, [x, y])
    with pytest.raises(FeedError, match=r"inputs \['x'\] are given both in the dict and by keyword"):
        hv([1.0, 0.0], {"x": 1.0, "y": 2.0}, x=3.0)
    for call in (lambda: hv([1.0, 0.0], values={x: 1.0, y: 2.0}), lambda: hv(v=[1.0, 0.0], values={x: 1.0})):
        with pytest.raises(ConfigurationError, match=r"is no input of the product; it takes the direction and the "
                                                     r"point positionally"):
            call()
    with pytest.raises(ConfigurationError, match="given 3 positional arguments: merge the point into one dict"):
        hv([1.0, 0.0], {x: 0.7}, {y: 0.1})
