"""Round 9 testers' findings in the core library, display and CLI (f-probe F*, h-probe H*)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.binding import read_entries
from symopt.errors import ConfigurationError, FeedError

RE_RUN = r"w is another symbol than the expression's w: two symbols share the name 'w', made at two times \(was the cell that made w run"


def test_a_re_created_symbol_of_the_same_name_is_refused_never_dropped():
    """F1: a notebook cell re-run made a new Variable("w") after the cost was built; the training-dict filter
    dropped its value and the old w's initial value was used (25.0 instead of 16.0, silently)."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    fresh = symopt.Variable("w", 0.0)
    label = symopt.Placeholder("label", ())
    with pytest.raises(FeedError, match=r"value for w: expected one of the expression's inputs \['w'\]; " + RE_RUN):
        read_entries({fresh: 1.0}, [w])
    assert read_entries({w: 1.0, label: 2.0, "w": 3.0}, [w]) == {w: 1.0, "w": 3.0}  # unread symbols dropped
    with pytest.raises(FeedError, match=RE_RUN):  # the compiled function says why it refuses the key
        symopt.compile(cost, w)({fresh: 1.0})
    inputs = r"at: w is not an input of the cost; its inputs are \['w'\]; "
    with pytest.raises(ConfigurationError, match=inputs + RE_RUN):
        symopt.derive(cost, [w], at={fresh: 1.0})


def test_hvp_refuses_a_re_created_parameter_instead_of_its_initial_value():
    """F1 in the Hessian-vector product's training-dict filter: the stale W's init 0 gave H v = 0.5 v (wrong)."""
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    J = ops.mean(ops.softplus(X @ W))
    product = symopt.hvp(J, [W])
    features, v = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([[1.0], [0.0]])
    at = np.array([[0.3], [-0.2]])
    z = features @ at  # hand NumPy: H = X^T diag(s(1-s)) X / m
    s = 1 / (1 + np.exp(-z))
    expected = features.T @ (s * (1 - s) * (features @ v)) / len(features)
    np.testing.assert_allclose(product(v, {X: features, W: at}), expected, rtol=1e-12)
    with pytest.raises(FeedError, match=r"W is another symbol than the expression's W"):
        product(v, {X: features, symopt.Variable("W", 0.0, shape=(2, 1)): at})


def _central_difference(expr, symbol, values, h=1e-6):
    up, down = dict(values), dict(values)
    up[symbol], down[symbol] = values[symbol] + h, values[symbol] - h
    return (symopt.evaluate(expr, up) - symopt.evaluate(expr, down)) / (2 * h)


@pytest.mark.parametrize("slope", [1.5, 0.2, -0.5])
def test_leaky_relu_value_is_tf1s_kernel_for_every_slope(slope):
    """H1: the value was max(x, a x), which is x-if-positive only for a <= 1, while the gradient was the kernel's
    x > 0 ? 1 : a: for a = 1.5, value -2 (= x) with gradient 1.5. TF 2.21 and torch: leaky_relu([-2, 1], 1.5) =
    [-3, 1], d/dx = [1.5, 1], d/da = min(x, 0) summed = -2."""
    w, a = symopt.Variable("w", 0.0), symopt.Variable("a", 0.0)
    expected = {-2.0: -2.0 * slope, 1.0: 1.0, 0.0: 0.0}
    for x, value in expected.items():
        assert symopt.evaluate(symopt.leaky_relu(w, a), {w: x, a: slope}) == value
        assert symopt.evaluate(symopt.leaky_relu(w, slope), {w: x}) == value
        assert float(symopt.leaky_relu(sympy.Float(x), sympy.Float(slope))) == value  # SymPy's own evaluation
    for x in (-2.0, 1.0):  # gradients (constant and variable slope) against central differences of the value
        got, (d_w, d_a) = symopt.compile(symopt.leaky_relu(w, a), [w, a])(w=x, a=slope)
        assert got == expected[x]
        np.testing.assert_allclose([d_w, d_a], [_central_difference(symopt.leaky_relu(w, a), s, {w: x, a: slope})
                                                for s in (w, a)], atol=1e-8)
    W = symopt.Variable("W", 0.0, shape=(1, 2))
    value, (g_W, g_a) = symopt.compile(ops.sum(ops.leaky_relu(W, a)), [W, a])(W=np.array([[-2.0, 1.0]]), a=slope)
    assert value == -2.0 * slope + 1.0
    np.testing.assert_allclose(g_W, [[slope, 1.0]])
    assert g_a == -2.0


@pytest.mark.parametrize("assumption, bad, expected", [
    ("extended_positive", -2.0, "a positive number"), ("extended_nonnegative", -2.0, "a number >= 0"),
    ("extended_negative", 2.0, "a negative number"), ("extended_nonpositive", 2.0, "a number <= 0")])
def test_extended_sign_promises_of_data_are_checked_as_the_plain_ones(assumption, bad, expected):
    """F9: SymPy simplifies sqrt(s**2) to s under extended_positive as under positive, but only the plain forms were
    checked when fed: s = -2 gave -2.0 (the true |s|*w is 2.0)."""
    s, w = sympy.Symbol("s", **{assumption: True}), symopt.Variable("w", 1.0)
    cost = sympy.sqrt(s ** 2) * w
    assert cost == s * w or cost == -s * w  # what SymPy made of it: the promise is used
    with pytest.raises(FeedError, match=rf"value for s: expected {expected}, as it is declared with {assumption}=True"):
        symopt.evaluate(cost, {s: bad, w: 1.0})
    with pytest.raises(FeedError, match=expected):
        symopt.compile(cost, w)({s: bad, w: 1.0})
    assert symopt.evaluate(cost, {s: -bad, w: 1.0}) == 2.0  # a value keeping the promise: |s|*w


def test_a_zero_promise_names_zero():
    """F9's minor: Symbol('s', zero=True) fed -2 said 'expected a number >= 0' (the nonnegative it implies)."""
    s, w = sympy.Symbol("s", zero=True), symopt.Variable("w", 1.0)
    with pytest.raises(FeedError, match=r"value for s: expected 0, as it is declared with zero=True; given -2.0"):
        symopt.compile(s + w, w)({s: -2.0, w: 1.0})


@pytest.mark.parametrize("build, numbers", [
    (lambda a: ops.mean(a), "numpy.mean"), (lambda a: ops.sum(a, 0), "numpy.sum"), (lambda a: ops.log(a), "numpy.log"),
    (lambda a: ops.sigmoid(a), r"symopt.evaluate\(symopt.ops.sigmoid\(X\)"),
    (lambda a: ops.softmax(a), r"symopt.evaluate\(symopt.ops.softmax"),
    (lambda a: ops.l2_penalty(a), r"symopt.evaluate\(symopt.ops.l2_penalty"),
    (lambda a: ops.mean(a.tolist()), "numpy.mean")])
def test_ops_refuse_arrays_instead_of_handing_them_back(build, numbers):
    """F16: ops.mean(predicted == labels) returned the boolean array unchanged (NumPy's mean: 0.75); other ops gave
    raw AttributeError / SympifyError or sigmoid([[1.0], ...])."""
    from symopt.errors import UnsupportedOperationError
    correct = np.array([[True], [True], [False], [True]])
    refused = (r"operand 1 is a (ndarray|list) of shape \(4(, 1)?\), where a symbolic expression is expected .* "
               "For numbers ")
    with pytest.raises(UnsupportedOperationError, match=refused + f"use {numbers}"):
        build(correct * 1.0)


def test_sigmoid_cross_entropy_of_one_example_is_the_scalar_loss():
    """F16's last case: a scalar Variable logit gave AttributeError 'ScalarVariable' object has no attribute 'shape'.
    The course's L(a, y) = -(y log a + (1-y) log(1-a)) with a = sigmoid(z), by hand at z = 0.5."""
    z, y = symopt.Variable("z", 0.5), symopt.Placeholder("y", ())
    loss = ops.sigmoid_cross_entropy(z, y)
    a = 1 / (1 + np.exp(-0.5))
    for label in (0.0, 1.0):
        assert symopt.evaluate(loss, {y: label}) == pytest.approx(-(label * np.log(a) + (1 - label) * np.log(1 - a)))
        assert symopt.compile(loss, z)({z: 0.5, y: label})[1] == pytest.approx(a - label)  # dz = a - y


def test_adam_with_float64_hyperparameters_keeps_its_powers_in_float64():
    """H2: numpy.float64 betas in a float64 run kept beta^t in float32 (rel. error 4.5e-6 at step 1). Digits of real
    TF 2.21 tf.compat.v1 AdamOptimizer(F(0.1), F(0.9), F(0.999), F(1e-8)) on a float64 Variable (h-probe), equal to
    the all-float64 hand loop below."""
    F = np.float64
    w, seen = symopt.Variable("w", 0.0, dtype="float64"), []
    symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Adam(F(0.1), F(0.9), F(0.999), F(1e-8)), steps=3,
                    dtype="float64", progress=False,
                    callback=lambda step, cost, params: seen.append(params[w]) and False)
    tf1 = [0.09999999472953751, 0.19989728387029618, 0.29961846488113275]
    assert [float(x) for x in seen] == tf1
    x, m, v, powers, hand = 0.0, 0.0, 0.0, [0.9, 0.999], []
    for _ in range(3):
        g = 2 * (x - 3)
        alpha = 0.1 * np.sqrt(1 - powers[1]) / (1 - powers[0])
        m, v = m + (g - m) * (1 - 0.9), v + (g * g - v) * (1 - 0.999)
        x -= m * alpha / (np.sqrt(v) + 1e-8)
        powers = [powers[0] * 0.9, powers[1] * 0.999]
        hand.append(float(x))
    assert hand == tf1
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Adam(F(0.1), F(0.9), F(0.999), F(1e-8)), steps=3,
                             dtype="float32", progress=False)
    assert result[w].dtype == np.float32  # a float32 run stays float32 throughout


class _PandasSeries:
    """What a pandas Series shows data_sources: shape (1-D), dtype, positional [a:b], __array__, to_numpy; no
    __dlpack__ (pandas is not a dependency of the suite)."""

    def __init__(self, values):
        self._values = np.asarray(values)

    shape = property(lambda self: self._values.shape)
    dtype = property(lambda self: self._values.dtype)

    def __array__(self, dtype=None, copy=None):
        return self._values if dtype is None else self._values.astype(dtype)

    def __getitem__(self, key):
        return _PandasSeries(self._values[key])

    def __len__(self):
        return len(self._values)

    def to_numpy(self):
        return self._values


def test_a_pandas_series_is_in_memory_data_not_an_out_of_core_dataset():
    """F17: y = df["label"] was taken for an out-of-core dataset: full batch refused ('a full-batch step would read
    it whole'), and mini-batches shuffled the order of slices instead of examples (W differed from the array's)."""
    rng = np.random.default_rng(0)
    features = rng.normal(size=(20, 3))
    labels = features @ np.array([1.0, -2.0, 0.5])
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None,))
    W = symopt.Variable("W", np.zeros(3), shape=(3,))
    J = ops.mean(ops.square(X @ W - y))
    for options in ({"steps": 50}, {"batch_size": 5, "epochs": 2, "seed": 0}):
        as_array = symopt.minimize(J, W, data={X: features, y: labels}, progress=False, **options)
        as_series = symopt.minimize(J, W, data={X: features, y: _PandasSeries(labels)}, progress=False, **options)
        np.testing.assert_array_equal(as_series[W], as_array[W])
        assert as_series.value == as_array.value


def test_a_finite_value_beyond_float32_is_refused_by_name_when_fed():
    """F11: 1e39 fed to a float32 input was cast to inf with NumPy's RuntimeWarning (raw under -W error), then
    reported as data 'containing NaN or infinity', a divergence at the start, or silently inf (compile)."""
    x = symopt.Placeholder("x", (None, 1), dtype="float32")
    W = symopt.Variable("W", 0.0, shape=(1, 1), dtype="float32")
    J = ops.mean(ops.square(x @ W))
    too_large = (r"value for {} \({}\): expected numbers of dtype float32, whose largest is 3\.403e\+38; given {}1e\+39, "
                 r"which float32 would make infinite\. Rescale the data, or compute in float64 \(dtype='float64'\)\.")
    with pytest.raises(FeedError, match=too_large.format("x", r"shape \(None, 1\)", "")):
        symopt.minimize(J, W, data={x: np.full((3, 1), 1e39)}, steps=2, progress=False)
    with pytest.raises(FeedError, match=too_large.format("W", r"shape \(1, 1\)", "-")):  # with its sign (F42d-10)
        symopt.compile(J, W)(W=np.full((1, 1), -1e39), x=np.ones((3, 1)))
    s = symopt.Placeholder("s", (), dtype="float32")
    with pytest.raises(FeedError, match=too_large.format("s", "scalar", "")):
        symopt.evaluate(s * 2, {s: 1e39})
    assert symopt.evaluate(s * 1, {s: 3e38}) == np.float32(3e38)  # within range: as before
    with pytest.raises(FeedError) as raised:  # not ragged: no advice about ragged lists
        symopt.compile(J, W, dtype="float64")(W=[[10 ** 400]], x=np.ones((3, 1)))
    assert str(raised.value) == ("value for W (shape (1, 1)): expected numbers of dtype float64; given list that "
                                 "NumPy cannot convert (int too large to convert to float).")


@pytest.mark.parametrize("module", ["numpy", "math", "mpmath"])
def test_sympy_lambdify_prints_symopts_functions(module):
    """F4: sympy.lambdify of symopt.sigmoid / relu / softplus / leaky_relu raised NameError from SymPy's generated
    source (numpy, math, mpmath, jax). Hand values at x = -0.7 and 0.7."""
    from symopt.functions import step
    x = sympy.Symbol("x", real=True)
    hand = {symopt.sigmoid(x): lambda v: 1 / (1 + np.exp(-v)), symopt.softplus(x): lambda v: np.log1p(np.exp(v)),
            symopt.relu(x): lambda v: max(v, 0.0), step(x): lambda v: float(v > 0),
            symopt.leaky_relu(x): lambda v: v if v > 0 else 0.2 * v,
            symopt.leaky_relu(x, 1.5): lambda v: v if v > 0 else 1.5 * v}
    for expression, expected in hand.items():
        function = sympy.lambdify(x, expression, module)
        for value in (-0.7, 0.7):
            assert float(function(value)) == pytest.approx(expected(value), rel=1e-12)


def test_a_kinked_function_has_the_series_of_its_elementary_form():
    """F4: relu(w).series(w, 0, 3) was O(w**3) (from the derivatives at the kink, H(0) = 0): silently 0."""
    from symopt.functions import step
    w = sympy.Symbol("w", real=True)
    assert sympy.series(symopt.relu(w), w, 0, 3) == w  # SymPy's own series of Max(w, 0), from the right
    assert sympy.series(symopt.relu(w), w, 0, 3, dir="-") == 0
    assert sympy.series(step(w), w, 0, 3) == 1
    assert sympy.series(symopt.leaky_relu(w), w, 0, 3, dir="-") == w / 5
    assert sympy.series(symopt.sigmoid(w), w, 0, 3) == sympy.S.Half + w / 4 + sympy.O(w ** 3)


def test_the_courses_entrywise_product_is_told_to_use_hadamard():
    """F8: the course's Y * np.log(A) (examples as columns) got 'the data comes first (X @ W, not W @ X)', and
    np.multiply(Y, ops.log(A)) 'use a real Python or NumPy number'."""
    from symopt.errors import ShapeError, UnsupportedOperationError
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W = symopt.Variable("W", 0.0, shape=(1, 2))
    A = ops.sigmoid(W @ X)
    with pytest.raises(ShapeError) as raised:
        Y * ops.log(A)
    assert str(raised.value) == (
        "matrix product Y (shape (1, m)) @ log(sigmoid(W*X)) (shape (1, m)): inner dimensions m and 1 differ; * and @ "
        "of matrices are the matrix product; for NumPy's entrywise product of two matrices of one shape write "
        "symopt.ops.hadamard(Y, log(sigmoid(W*X))).")
    with pytest.raises(UnsupportedOperationError, match=r"Build the expression with symopt\.ops\.hadamard\(a, b\) "
                                                        "instead for the entrywise product of two matrices"):
        np.multiply(Y, ops.log(A))
    with pytest.raises(ShapeError, match=r"the data comes first \(X @ W, not W @ X\)"):  # a real order mistake
        W @ symopt.Placeholder("Z", (None, 2))


def test_hvp_of_a_cost_linear_in_one_parameter_has_a_zero_row():
    """H5: hvp / hessian refused sum(W∘W) + 3 s with 'the cost does not depend on s' (it does, linearly: its row of
    H is 0). By hand: H v = (2 v_W, 0)."""
    W, s, t = symopt.Variable("W", 0.0, shape=(2, 1)), symopt.Variable("s", 0.5), symopt.Variable("t", 0.5)
    v_W = np.array([[1.0], [2.0]])
    for build in (symopt.hvp, symopt.hessian):
        product_W, product_s = build(ops.sum(ops.square(W)) + 3 * s, [W, s])((v_W, 5.0), {W: np.ones((2, 1))})
        np.testing.assert_array_equal(product_W, 2 * v_W)
        assert product_s == 0.0 and product_s.dtype == np.float64
    assert [float(p) for p in symopt.hvp(t ** 2 + 3 * s, [t, s])((1.0, 5.0), {})] == [2.0, 0.0]
    assert symopt.hessian(t ** 2 + 3 * s, [t, s]) == sympy.ImmutableMatrix([[2, 0], [0, 0]])  # the scalar form agrees


def test_second_derivatives_through_reduce_max():
    """H4: hvp / hessian / Newton through ReduceMax were refused ('Equal has no gradient ... no gradient signal'),
    although the max's mask is piecewise constant (derivative 0 a.e.). By hand for J = Σ_j (max_i W_ij)²: H v is
    2 v at each column's maximum (W[0,0] = 1, W[1,1] = 3), 0 elsewhere; JAX (jvp of grad) gives the same."""
    from symopt.errors import UnsupportedOperationError
    from symopt.reductions import Equal, ReduceMax
    W0 = np.array([[1.0, -2.0], [0.5, 3.0]])
    W = symopt.Variable("W", W0)
    cost = ops.sum(ops.square(ReduceMax(W, 0)))
    v = np.array([[1.0, 5.0], [7.0, 11.0]])
    np.testing.assert_array_equal(symopt.hvp(cost, W)(v, {W: W0}), [[2.0, 0.0], [0.0, 22.0]])
    result = symopt.minimize(cost + ops.sum(ops.square(W)), {W: W0}, method="newton", steps=3)
    np.testing.assert_array_equal(result[W], np.zeros((2, 2)))
    with pytest.raises(UnsupportedOperationError, match="Equal has no gradient"):  # a user's own Equal: still refused
        symopt.grad(ops.sum(Equal(W, W * 2)), W)
