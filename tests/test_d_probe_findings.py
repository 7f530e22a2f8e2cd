"""Round 8, d-core: a-probe's findings about the core library, the display and the command line."""

import json

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, UnsupportedOperationError

from counting import args_reads


def test_sympy_functions_defined_on_matrices_keep_working_after_a_compile():
    """A1: symopt's guard of scalar functions refused SymPy's own transpose/adjoint/conjugate/re/im of any
    MatrixSymbol once anything was compiled (the expected values are plain SymPy's, printed without symopt)."""
    w = sympy.Symbol("w")
    symopt.compile(w ** 2, w)  # installs the guards
    A = sympy.MatrixSymbol("A", 3, 3)
    assert sympy.transpose(A) == A.T
    assert str(sympy.Adjoint(A) * A) == "Adjoint(A)*A"
    assert str(sympy.adjoint(A)) == "Adjoint(A)"
    assert str(sympy.conjugate(A)) == str(A.conjugate()) == "Adjoint(A.T)"
    assert str(sympy.re(A)) == "(1/2)*Adjoint(A.T) + (1/2)*A"
    assert str(sympy.im(A)) == "-(I/2)*(-Adjoint(A.T) + A)"
    W = symopt.Variable("W", 0.5, shape=(3, 1))
    with pytest.raises(ShapeError, match=r"use symopt\.ops\.exp\(z\)"):  # scalar functions are still refused
        sympy.exp(W)
    X = symopt.Placeholder("X", (None, 3))
    cost = ops.sum(ops.square(sympy.transpose(X @ W)))
    features = np.arange(6.0).reshape(2, 3)
    value, gradient = symopt.compile(cost, W)(X=features, W=np.full((3, 1), 0.5))
    z = features @ np.full((3, 1), 0.5)  # hand NumPy: J = Σ z², dJ/dW = 2 Xᵀ z
    assert value == pytest.approx(float(np.sum(z ** 2)))
    np.testing.assert_allclose(gradient, 2 * features.T @ z)
    with pytest.raises(UnsupportedOperationError, match="no derivative rule for Adjoint"):
        symopt.compile(ops.sum(X @ sympy.conjugate(W)), W)  # refused by name, not guessed


@pytest.mark.parametrize("dimension", [sympy.Symbol("n"), sympy.Symbol("N", integer=True), sympy.Symbol("m")])
def test_a_symbolic_dimension_other_than_the_batch_is_refused_naming_the_fix(dimension):
    """A3: MatrixSymbol('X', n, 3) asked for n ("missing inputs ['n']"), then refused it with a false message."""
    X, y = sympy.MatrixSymbol("X", dimension, 3), sympy.MatrixSymbol("y", dimension, 1)
    w = sympy.MatrixSymbol("w", 3, 1)
    J = ((X * w - y).T * (X * w - y))[0, 0] / dimension
    features, targets = np.arange(15.0).reshape(5, 3), np.ones((5, 1))
    expected = r"has the symbolic dimension .*symopt\.BATCH.*Placeholder\('[Xy]', \(None, [13]\)\)"
    for call in (lambda: symopt.compile(J, w), lambda: symopt.evaluate(J, {X: features, y: targets, w: np.ones((3, 1))}),
                 lambda: symopt.minimize(J, {w: np.zeros((3, 1))}, data={X: features, y: targets}, steps=1,
                                         progress=False)):
        with pytest.raises(ShapeError, match=expected):
            call()


def test_the_batch_dimension_in_a_sympy_matrix_symbol_reads_the_rows():
    X, y = sympy.MatrixSymbol("X", symopt.BATCH, 3), sympy.MatrixSymbol("y", symopt.BATCH, 1)
    w = sympy.MatrixSymbol("w", 3, 1)
    J = ((X * w - y).T * (X * w - y))[0, 0] / symopt.BATCH
    features, targets, point = np.arange(15.0).reshape(5, 3), np.ones((5, 1)), np.array([[0.1], [0.2], [0.3]])
    value, gradient = symopt.compile(J, w)(w=point, X=features, y=targets)
    residual = features @ point - targets  # hand NumPy: J = |Xw - y|²/m, dJ/dw = 2Xᵀ(Xw - y)/m
    assert value == pytest.approx(float(np.sum(residual ** 2)) / 5)
    np.testing.assert_allclose(gradient, 2 * features.T @ residual / 5)


@pytest.mark.parametrize("name", ["beta1_float32", "beta2_float32"])
def test_a_parameter_named_like_adams_float32_constant_keeps_its_value(name):
    """A4 (part): the fused step printed the cost at Adam's constant β (0.999) for a plain Symbol of that name."""
    s = sympy.Symbol(name)
    result = symopt.minimize((s - 2) ** 2 + sympy.exp(0.1 * s), {s: 0.5}, optimizer=symopt.Nadam(0.1), steps=3,
                             progress=False)
    value, m, v = 0.5, 0.0, 0.0  # hand NumPy Nadam (optax's rule, as symopt.Nadam documents), float64
    for t in range(1, 4):
        g = 2 * (value - 2) + 0.1 * np.exp(0.1 * value)
        m, v = m + (g - m) * 0.1, v + (g * g - v) * 0.001
        look_ahead = 0.9 * m / (1 - 0.9 ** (t + 1)) + 0.1 * g / (1 - 0.9 ** t)
        value -= 0.1 * look_ahead / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    assert float(result.params[s]) == pytest.approx(value, rel=1e-12)
    assert result.history[0] == pytest.approx((0.5 - 2) ** 2 + np.exp(0.05))


def test_derive_and_graph_show_the_numbers_of_a_determinant():
    """A5: det(A), log(det(A)) and the gradient (Aᵀ)⁻¹ were shown as `undefined` at a point where they are defined."""
    A = sympy.MatrixSymbol("A", 3, 3)
    A0 = np.array([[3.0, -0.5, 0.25], [0.125, 2.5, 0.375], [1.25, 1.0, 2.0]])
    det, inverse_t = np.linalg.det(A0), np.linalg.inv(A0).T  # the oracle: NumPy
    shown = str(symopt.derive(sympy.log(sympy.Determinant(A)), [A], at={A: A0})).splitlines()
    assert shown[1] == f"  u = det(A) = {det:.6g}" and shown[2] == f"  J = log(u) = {np.log(det):.6g}"
    assert shown[4] == f"  dJ/du = 1/u = {1 / det:.6g}"
    gradient = shown[-1].split(" = ")[-1]
    assert "undefined" not in gradient
    np.testing.assert_allclose(np.array(json.loads(gradient)), inverse_t, rtol=1e-5)
    drawn = str(symopt.graph(sympy.log(sympy.Determinant(A)), at={A: A0}))
    assert f"u = det(A) = {det:.6g}, dJ/du = {1 / det:.6g}  ← A" in drawn
    B = sympy.MatrixSymbol("B", 2, 2)
    exact = str(symopt.derive(sympy.Determinant(B) ** 2, [B], at={B: [[2, 1], [1, 3]]})).splitlines()
    assert exact[1:3] == ["  u = det(B) = 5", "  J = u² = 25"]  # hand: 2·3 - 1·1


def test_a_count_symbol_named_m_is_data_of_its_own_never_the_batch_size():
    """A2, then probe8 R7: Symbol('m', integer=True, positive=True) was symopt.BATCH (SymPy's equality), so a value
    fed for it was refused and, unfed, it silently took the batch size.  It is data of its own now; symopt.BATCH
    (a class of its own) is the batch size, and feeding that is refused."""
    from symopt.errors import FeedError
    m = sympy.Symbol("m", integer=True, positive=True)
    assert m != symopt.BATCH
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 1.0, shape=(2, 1))
    J = ops.mean(ops.square(X @ W - y)) + 0.5 / m * ops.sum(ops.square(W))
    features, targets = np.ones((4, 2)), np.zeros((4, 1))
    value, _ = symopt.compile(J, W)({W: np.ones((2, 1)), X: features, y: targets, m: 1000})
    assert value == pytest.approx(4 + 0.5 / 1000 * 2)  # by hand: residual 2 on every row, then the penalty
    with pytest.raises(FeedError, match=r"missing inputs \['m'\]"):
        symopt.compile(J, W)({W: np.ones((2, 1)), X: features, y: targets})
    with pytest.raises(FeedError, match="symopt's batch dimension symopt.BATCH"):
        symopt.compile(J, W)({W: np.ones((2, 1)), X: features, y: targets, m: 1000, symopt.BATCH: 4})
    w = symopt.Variable("w", 0.0)
    assert symopt.compile((w - 3) ** 2 * m, w)(w=1.0, m=2.0) == (8.0, -8.0)


def test_the_disk_cache_tells_apart_which_of_two_same_named_symbols_is_the_parameter(tmp_path):
    """A10: srepr writes two distinct Variable('v') alike, so the key of d/da and of d/db was one file."""
    import subprocess
    import sys
    from symopt.disk_cache import function_key
    a, b = symopt.Variable("v", 0.0), symopt.Variable("v", 0.0)
    cost = (a - 2 * b) ** 2 + a ** 3 * 0.1
    assert function_key(cost, [a], [a, b], "float64", None) != function_key(cost, [b], [b, a], "float64", None)
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x")  # the same cost built twice: one key
    assert function_key((w - x) ** 2, [w], [w, x], "float64", None) == \
        function_key((w - x) ** 2, [w], [w, x], "float64", None) != function_key((w - x) ** 2, [w], [w, x], "float32", None)
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    probe = ("import sys, symopt\na = symopt.Variable('v', 0.0); b = symopt.Variable('v', 0.0)\n"
             "f = symopt.compile((a - 2*b)**2 + a**3*0.1, a if sys.argv[1] == 'a' else b, cache_dir=sys.argv[2])\n"
             "print(f({a: 1.0, b: 0.5})[1])")
    shown = [subprocess.run([sys.executable, "-c", probe, which, str(directory)], capture_output=True, text=True,
                            timeout=120, check=True).stdout.strip() for which in ("a", "b")]
    assert [float(text.strip("[]")) for text in shown] == pytest.approx([0.3, 0.0])  # hand: 2(a - 2b) + 0.3a², -4(a - 2b)


def test_explain_names_the_step_without_a_real_value():
    """A9: at x = -1, log(x) + y² has no real value; explain blamed dv = 1 and called y's gradient not finite."""
    x, y = sympy.symbols("x y", real=True)
    assert str(symopt.explain(sympy.log(x) + y ** 2, [x, y], at={x: -1.0, y: 1.0})).splitlines() == [
        "explain (x = -1, y = 1)",
        "  x: undefined: the cost has no real value here",
        "    no real value: v = log(x) has no real value at x = -1, so neither has the cost",
        "    at v = log(x)",
        "  y: undefined: the cost has no real value here",
        "    no real value: v = log(x) has no real value at x = -1, so neither has the cost",
        "    at v = log(x)"]
    assert np.isnan(symopt.evaluate(sympy.log(x) + y ** 2, {x: -1.0, y: 1.0}))  # the oracle: no real value
    finite = str(symopt.explain(sympy.log(x) + y ** 2, [x, y], at={x: 2.0, y: 0.0})).splitlines()
    assert finite[1:3] == ["  x: fine: dJ/dx = 0.5", "  y: zero: dJ/dy = 0"]  # hand: 1/x, 2y


@pytest.mark.parametrize("method", ["newton", "lbfgs"])
def test_a_second_order_run_returns_float32_parameters_as_declared(method):
    """A6: method= returned float64 / Python floats for float32 Variables (a first-order run returns float32)."""
    x, y = symopt.Variable("x", -1.2, dtype="float32"), symopt.Variable("y", 1.0)
    W = symopt.Variable("W", 0.5, shape=(2, 1), dtype="float32")
    J = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2 + ops.sum(ops.square(W - sympy.OneMatrix(2, 1)))
    result = symopt.minimize(J, [x, y, W], method=method)
    assert type(result.params[x]) is np.float32 and result.params[W].dtype == np.float32
    assert float(result.params[x]) == pytest.approx(1.0, abs=1e-4)  # hand: Rosenbrock's minimum (1, 1), W = 1
    np.testing.assert_allclose(result.params[W], np.ones((2, 1)), atol=1e-4)
    a = sympy.Symbol("a", real=True)  # an undeclared symbol keeps float64
    assert type(symopt.minimize((a - 3) ** 2, {a: 0.0}, method=method).params[a]) is not np.float32


def test_jax_arrays_as_data_are_in_memory_not_out_of_core():
    """A12: a JAX array has shape, dtype and slicing, so it was taken for an out-of-core dataset and refused."""
    jnp = pytest.importorskip("jax.numpy")
    from symopt.data_sources import is_out_of_core
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    J = ops.mean(ops.square(X @ W - y))
    features = np.array([[0.5, -1.0], [2.0, 0.25], [1.0, 1.0], [-0.5, 0.75]])  # exact in float32
    targets = features @ np.array([[1.0], [-1.0]])
    assert not is_out_of_core(jnp.asarray(features))
    on_jax = symopt.minimize(J, W, data={X: jnp.asarray(features), y: jnp.asarray(targets)}, steps=3, progress=False)
    in_numpy = symopt.minimize(J, W, data={X: features, y: targets}, steps=3, progress=False)
    np.testing.assert_array_equal(on_jax.params[W], in_numpy.params[W])


def test_an_unevaluated_derivative_or_a_complex_symbol_is_refused_naming_the_fix():
    """A7: Derivative/Integral/Product said only "no derivative rule"; .doit() (or real=True symbols) is the fix."""
    x, k, z = sympy.Symbol("x", real=True), sympy.Symbol("k", integer=True), sympy.Symbol("z")
    with pytest.raises(UnsupportedOperationError, match=r"This Derivative is unevaluated: call \.doit\(\)"):
        symopt.grad(sympy.Derivative(x ** 3, x), [x])
    with pytest.raises(UnsupportedOperationError, match=r"This Product is unevaluated"):
        symopt.grad(sympy.Product(x + k, (k, 1, 3)), [x])
    with pytest.raises(UnsupportedOperationError, match=r"declare them real, sympy\.Symbol\('x', real=True\)"):
        symopt.grad(sympy.diff(sympy.Abs(z - 1) ** 3, z), [z])
    assert symopt.grad(sympy.Derivative(x ** 3, x).doit(), [x]) == [6 * x]  # the fix works: d/dx 3x² = 6x


def test_sympys_elementwise_power_of_a_scalar_base_evaluates_and_differentiates():
    """A7: evaluate(HadamardPower(2, A)) raised a builtin AttributeError (the shape was read from the base 2)."""
    A = sympy.MatrixSymbol("A", 2, 2)
    A0 = np.array([[0.0, 1.0], [2.0, 3.0]])
    np.testing.assert_array_equal(symopt.evaluate(sympy.HadamardPower(2, A), {A: A0}), 2 ** A0)
    W, c = symopt.Variable("W", 0.0, shape=(2, 2)), sympy.Symbol("c", real=True)
    value, (dW, dc) = symopt.compile(ops.sum(sympy.HadamardPower(c, W)), [W, c])(W=A0, c=1.5)
    assert value == pytest.approx(np.sum(1.5 ** A0))
    np.testing.assert_allclose(dW, np.log(1.5) * 1.5 ** A0)  # hand: d c^w/dw = c^w log c
    h = 1e-6  # central differences in c: d Σ c^A / dc = Σ A c^(A-1)
    assert dc == pytest.approx((np.sum((1.5 + h) ** A0) - np.sum((1.5 - h) ** A0)) / (2 * h), rel=1e-7)


def test_a_hessian_vector_product_takes_the_training_dict():
    """A7: hv(v, {**data, A: ...}) refused the input it does not read, and a missing one was no FeedError."""
    from symopt.errors import FeedError
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    unused = symopt.Placeholder("A", (2, 2))
    theta = symopt.Variable("theta", np.zeros(2))
    product = symopt.hvp(ops.sum(ops.square(X @ theta - y)), theta)
    features, targets = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]]), np.ones((3, 1))
    direction = np.array([1.0, -2.0])
    shown = product(direction, {X: features, y: targets, unused: np.eye(2), theta: np.zeros(2)})
    np.testing.assert_allclose(np.ravel(shown), np.ravel(2 * features.T @ features @ direction))  # hand: H = 2XᵀX
    with pytest.raises(FeedError, match=r"hvp: missing values for \['X'\]"):
        product(direction, {y: targets})


def test_a_diverging_run_is_drawn_up_to_its_divergence():
    """A7: optimizer_paths raised DivergenceError instead of drawing the teacher's "too large a rate" path, and
    method_paths of three parameters raised a builtin ValueError."""
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    import symopt.plot as plot
    from symopt.errors import ConfigurationError
    x, y, z = sympy.symbols("x y z", real=True)
    rosenbrock = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
    ax = plot.optimizer_paths(rosenbrock, {x: -1.2, y: 1.0}, {"gd": symopt.GradientDescent(0.01)}, steps=50)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gd (diverged)"]
    drawn = ax.get_lines()[0].get_xydata()
    step = np.array([-1.2, 1.0]) - 0.01 * np.array([-2 * (1 + 1.2) - 400 * -1.2 * (1 - 1.44), 200 * (1 - 1.44)])
    np.testing.assert_allclose(drawn[:2], [[-1.2, 1.0], step])  # hand: one GD step of Rosenbrock's gradient
    assert np.all(np.isfinite(drawn)) and len(drawn) < 51
    with pytest.raises(ConfigurationError, match="method_paths draws the contours of two parameters; given 3"):
        plot.method_paths(rosenbrock + z ** 2, {x: 0.0, y: 0.0, z: 1.0})


def test_the_mask_of_a_max_of_deep_arguments_is_rebuilt_without_evaluation():
    """A14: grad of this Max recursed forever in SymPy's Piecewise.eval while its mask was put back together."""
    a, b = sympy.symbols("a b", real=True)
    d = sympy.Symbol("d")
    e = sympy.Max(-sympy.asinh(a) * sympy.exp(b) + sympy.atan2(d, a ** 2 + 1),
                  sympy.atan(sympy.atan(0.9 / (1 + (a ** 2 + 1) ** (-2)))))
    f = symopt.compile(e, [a, b])
    plain = sympy.lambdify((a, b, d), e, "math")  # the oracle: central differences of SymPy's own function
    h = 1e-6
    for point in ((0.3, 0.2, 0.5), (-2.0, 0.2, 0.5)):  # the second argument wins, then the first
        value, gradient = f(a=point[0], b=point[1], d=point[2])
        assert value == pytest.approx(plain(*point))
        slopes = [(plain(*(p + h * (i == k) for i, p in enumerate(point))) -
                   plain(*(p - h * (i == k) for i, p in enumerate(point)))) / (2 * h) for k in (0, 1)]
        np.testing.assert_allclose(gradient, slopes, atol=1e-7)


def test_a_negative_entry_index_is_numpys_and_the_displayed_gradient_keeps_it():
    """A15: W[-1, 0] stayed SymPy's own entry, and derive's gradient dropped its contribution (a silent 0)."""
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    W0 = np.array([[1.0], [2.0], [3.0]])
    assert W[-1, 0] == W[2, 0] and W[-3, 0] == W[0, 0]
    for cost, expected in ((W[-1, 0] ** 2 + W[2, 0], [[0], [0], [7]]), (W[-1, 0] * W[0, 0], [[3], [0], [1]])):
        _, compiled = symopt.compile(cost, W)(W=W0)
        np.testing.assert_array_equal(compiled, expected)  # hand: d(W₂² + W₂) = 2·3 + 1; d(W₂W₀) = (W₂, 0, W₀)
        shown = str(symopt.derive(cost, W, at={W: W0})).splitlines()[-1]
        assert shown.endswith(" = " + str(expected).replace(" ", "").replace(",", ", "))


def test_a_residual_network_builds_and_transforms_in_linear_work(monkeypatch):
    """e-probe E3: h + tanh(h @ W) doubles the paths of h's tree, and SymPy's doit (run by +, -, 2*h, h/2, .T on
    operands up to 64 nodes deep) walked that tree: layer 10 alone took 20 s."""
    X = symopt.Placeholder("X", (None, 4))

    def residual(blocks):
        h = X
        for i in range(blocks):
            h = h + ops.tanh(h @ symopt.Variable(f"W{i}", 0.1, shape=(4, 4)))
        return h
    reads = []
    for blocks in (4, 8):
        calls = [0]
        original = sympy.MatMul.__new__

        def counted(cls, *args, **kwargs):
            calls[0] += 1
            return original(cls, *args, **kwargs)
        monkeypatch.setattr(sympy.MatMul, "__new__", counted)
        h = residual(blocks)
        for shown in (h - X, -h, 2 * h, h / 2, h.T):
            assert 4 in tuple(shown.shape)
        monkeypatch.setattr(sympy.MatMul, "__new__", original)
        reads.append(calls[0])
    assert reads[1] < 4 * reads[0], reads  # linear in the blocks (the tree: 256x more paths)
    features, weights = np.full((2, 4), 0.5), {f"W{i}": np.full((4, 4), 0.1) for i in range(3)}
    value = symopt.evaluate(ops.sum(residual(3)), {X: features, **weights})
    h = features  # hand NumPy: three residual blocks
    for _ in range(3):
        h = h + np.tanh(h @ np.full((4, 4), 0.1))
    assert value == pytest.approx(float(np.sum(h)))


def test_the_disk_cache_key_is_linear_in_the_dag():
    """e-probe E5: the key was srepr(cost), the unfolded tree: sin(e) + cos(e) nested 16 deep took 16.7 s with
    cache_dir=, and a 128-layer MLP raised RecursionError."""
    from symopt.disk_cache import function_key
    X = symopt.Placeholder("X", (None, 3))
    h, params, width = X, [], 3
    for i in range(160):
        W = symopt.Variable(f"W{i}", 0.1, shape=(width, 4))
        h, width = ops.tanh(h @ W), 4
        params.append(W)
    cost = ops.sum(h)
    assert function_key(cost, params, params + [X], "float64", None) != \
        function_key(cost, params[1:], params[1:] + [params[0], X], "float64", None)  # which are parameters: keyed
    w = symopt.Variable("w", 0.3)
    e = w
    for depth in range(1, 41):  # at 40, a tree of 2⁴⁰ nodes, a DAG of 120
        e = sympy.sin(e) + sympy.cos(e)
        if depth in (12, 40):
            assert len(function_key(e, [w], [w], "float64", None)) < 20_000


def test_evaluate_in_batches_recognises_a_deep_or_residual_network_iteratively(monkeypatch):
    """e-probe E7: the "mean over examples" check recursed through the network (RecursionError at 128 layers) and
    walked a residual network's tree with SymPy's has (19 s at 20 blocks)."""
    from symopt.batched import mean_over_examples
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 1))

    def residual(blocks):
        h = X
        for i in range(blocks):
            h = ops.matadd(h, ops.tanh(h @ symopt.Variable(f"R{i}", 0.01, shape=(3, 3))))
        return ops.mean(ops.square(h))
    reads = [args_reads(monkeypatch, lambda blocks=blocks: mean_over_examples(residual(blocks))) for blocks in (8, 16)]
    assert reads[1] < 4 * reads[0], reads  # linear in the blocks (the tree: 256x the paths)
    rng = np.random.default_rng(0)
    features, labels = rng.normal(size=(10, 3)), (rng.random((10, 1)) > 0.5) * 1.0
    h, values = X, {}
    for i in range(160):
        W = symopt.Variable(f"W{i}", 0.1, shape=(3, 3))
        values[W] = rng.normal(size=(3, 3)) * 0.5
        h = ops.tanh(h @ W)
    Wo = symopt.Variable("Wo", np.ones((3, 1)), shape=(3, 1))
    for cost, data in ((ops.sigmoid_cross_entropy(h @ Wo, Y), {X: features, Y: labels, **values}),
                       (residual(40), {X: features, **{f"R{i}": np.full((3, 3), 0.01) for i in range(40)}})):
        assert symopt.evaluate_in_batches(cost, data, batch_size=4) == \
            pytest.approx(float(symopt.evaluate(cost, data)))  # the oracle: every row at once


def test_sigmoid_of_a_shared_argument_is_built_without_walking_its_tree(monkeypatch):
    """e-probe E6 (a-probe A22): symopt.sigmoid/softplus asked x.is_zero, which SymPy answers for a real argument by
    walking its tree (free_symbols): e ← σ(e² + e) 16 levels deep took 1.6 s."""
    w = symopt.Variable("w", 0.3)

    def nested(depth, function):
        e = w
        for _ in range(depth):
            e = function(e * e + e)
        return e
    for function in (symopt.sigmoid, symopt.softplus):
        reads = [args_reads(monkeypatch, lambda depth=depth: nested(depth, function)) for depth in (6, 12)]
        assert reads[1] < 4 * reads[0], reads
    assert symopt.sigmoid(0) == sympy.Rational(1, 2) and symopt.softplus(0) == sympy.log(2)
    value, (slope,) = symopt.compile(nested(2, symopt.sigmoid), [w])(w=0.3)
    s1 = 1 / (1 + np.exp(-(0.3 * 0.3 + 0.3)))  # hand: two levels of σ(e² + e) and the chain rule
    s2 = 1 / (1 + np.exp(-(s1 * s1 + s1)))
    assert value == pytest.approx(s2)
    assert slope == pytest.approx(s2 * (1 - s2) * (2 * s1 + 1) * s1 * (1 - s1) * (2 * 0.3 + 1))
