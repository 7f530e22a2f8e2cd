"""probe40's findings on the displays: each number against compile's or mpmath's, each message typed."""

import mpmath
import numpy as np
import pytest
import sympy as sp

import symopt
import symopt.functions as SF
from symopt.display import derive, graph


def _line(text: str, start: str) -> str:
    return next(line.strip() for line in str(text).splitlines() if line.strip().startswith(start))


def test_softplus_far_left_is_its_tiny_value():  # P40-3: log(1 + exp(-40)) in 53 bits was 0
    w = sp.Symbol("w", real=True)
    value, _ = symopt.compile(SF.softplus(w), w)(-40.0)
    assert float(mpmath.log1p(mpmath.exp(-40))) == pytest.approx(value, rel=1e-15)
    assert _line(derive(SF.softplus(w), w, at={w: -40.0}), "J =") == "J = softplus(w) = 4.24835e-18"
    assert "J = softplus(w) = 4.24835e-18" in str(graph(SF.softplus(w), at={w: -40.0}))
    cost = SF.softplus(3 * w - 1) * w
    _, slope = symopt.compile(cost, w)(-30.0)  # -2.68282e-38
    assert f"{slope:.5e}" == "-2.68282e-38"
    assert _line(derive(cost, w, at={w: -30.0}), "dJ/dw = softplus").endswith("= -2.68282e-38")


def test_float32_sigmoid_is_the_codes_zero():  # P40-3: exp(91) overflows float32, so the code's σ(-91) is 0
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = SF.sigmoid(3 * w - 1) * w
    value, slope = symopt.compile(cost, w)(-30.0)
    assert value == 0 and slope == 0
    text = str(derive(cost, w, at={w: -30.0}))
    assert "v = σ(u) = 0" in text
    assert _line(text, "dJ/dw = σ").endswith("= 0")


def test_network_numbers_keep_significant_digits():  # P40-6: entries were rounded to four decimals
    from symopt import ops
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W, b = symopt.Variable("W", 0.0, shape=(1, 2)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.mean((ops.bias_add(ops.matmul(W, X), b) - Y).applyfunc(lambda t: t**2))
    at = {X: np.array([[1e-6, 2e-6, -1e-6, 3e-6], [1.0, 2.0, 3.0, 4.0]]), Y: np.array([[0.5, 1.0, 1.5, 2.0]]),
          W: np.array([[0.0, 0.5]]), b: np.array([[1e-5]])}
    value, (dW, db) = symopt.compile(cost, [W, b])(W=at[W], b=at[b], X=at[X], Y=at[Y])
    np.testing.assert_allclose([value, dW[0, 0], dW[0, 1], db[0, 0]], [1e-10, 2.5e-11, 5e-5, 2e-5], rtol=1e-6)
    text = str(derive(cost, [W, b], at=at))
    assert "J = (1/m) Σ L = 1e-10" in text
    assert "dZ (1×m) = 2Z - 2Y = [[2e-05, 2e-05, 2e-05, 2e-05]]" in text
    assert "= [[2.5e-11, 5e-05]]" in text
    assert "db (1×1) = (1/m) Σ dZ (1×m) = [[2e-05]]" in text


def test_entry_digits():
    from symopt.display.glyphs import format_entry
    assert [format_entry(x) for x in (0.5, -0.2857142, 0.0, 5e-5, 12.345678, float("inf"))] == \
        ["0.5", "-0.2857", "0", "5e-05", "12.3457", "∞"]


def test_float32_lines_are_their_formulas_values():  # P40-7: `1/3 = 0.167772`, `v + 1 = -16.1322`
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = SF.log1p(3 * w - 1) * w
    _, slope = symopt.compile(cost, w)(1e-8)
    v = np.log1p(np.float32(3) * np.float32(1e-8) - np.float32(1))  # hand float32
    assert np.float32(1) + v == slope
    text = str(derive(cost, w, at={w: 1e-8}))
    assert "dJ/du = dJ/dv · dv/du = 1/3 = 0.333333" in text
    assert f"= v + 1 = {float(slope):.6g}" in text
    assert _line(text, "dJ/dw = 1 + log1p").endswith(f"= {float(slope):.6g}")
    ratio = sp.atan2(w, 1 - w)  # the formula 1/(2w² - 2w + 1) in float32 is the exact slope to six digits
    exact = 1 / (2e10 - 2e5 + 1)
    lines = str(derive(ratio, w, at={w: 1e5}))
    assert _line(lines, "dJ/dw = 1/(2w²").endswith(f"= {exact:.6g}")


def test_newton_update_latex_uses_derives_names():  # P40-2: sympy.latex printed a%b raw (a TeX comment)
    from symopt.second_order import newton_update
    w, a = sp.Symbol("w", real=True), sp.Symbol("a%b", real=True)
    assert newton_update((a - 3)**2 + (w - 1)**2, [a, w]).latex().splitlines()[2:4] == [
        r"a\%b &\leftarrow a\%b - \left(a\%b - 3\right) \\", r"w &\leftarrow w - \left(w - 1\right)"]
    for name, shown in (("a#b", r"a\#b"), ("a$b", r"a\$b"), ("lambda_", r"\lambda\_")):
        s = sp.Symbol(name, real=True)
        assert newton_update((s - 3)**2, s).latex().splitlines()[2] == \
            rf"{shown} &\leftarrow {shown} - \left({shown} - 3\right)"
    x1, x_1 = sp.Symbol("x1", real=True), sp.Symbol("x_1", real=True)
    rows = newton_update((x1 - 3)**2 + (x_1 - 1)**2, [x1, x_1]).latex().splitlines()[2:4]
    assert rows == [r"\mathrm{x1} &\leftarrow \mathrm{x1} - \left(\mathrm{x1} - 3\right) \\",
                    r"\mathrm{x\_1} &\leftarrow \mathrm{x\_1} - \left(\mathrm{x\_1} - 1\right)"]


def test_exp_beside_a_symbol_named_e_is_spelled_out():  # final37b F37b-5: e^{w} beside the symbol e read as e**w
    from symopt.second_order import newton_update
    e, w = sp.symbols("e w", real=True)
    assert newton_update(sp.exp(w) + e * w**2, w).latex().splitlines()[2] == \
        r"w &\leftarrow w - \frac{2 e w + \exp\left(w\right)}{2 e + \exp\left(w\right)}"
    assert derive(sp.exp(w) + e * w**2, w)._repr_latex_().splitlines()[-2] == \
        r"\frac{dJ}{dw} &= 2 e w + \exp\left(w\right)"
    assert derive(sp.exp(w) + w**2, w)._repr_latex_().splitlines()[-2] == r"\frac{dJ}{dw} &= 2 w + e^{w}"


def test_trailing_underscore_greek_in_latex():  # P40-8: text λ_, LaTeX spelled \mathrm{lambda\_}
    w, lam = sp.Symbol("w", real=True), sp.Symbol("lambda_", real=True)
    derivation = derive(lam * w**2, w)
    assert str(derivation).splitlines()[2].strip() == "J = λ_·u"
    assert derivation.latex().splitlines()[3].strip().startswith(r"J &= \lambda\_ \cdot u")  # as text's λ_·u (P75-10)


@pytest.mark.parametrize("point, value", [(1e300, "0"), (1e160, "0"), (-1e300, "2")])
def test_erfc_far_out_is_its_limit(point, value):  # P40-1: mpmath's erfc raised a bare OverflowError
    w = sp.Symbol("w", real=True)
    code_value, _ = symopt.compile(sp.erfc(w), w)(point)
    assert f"{code_value:g}" == value
    assert _line(derive(sp.erfc(w), w, at={w: point}), "J =") == f"J = erfc(w) = {value}"
    explained = str(symopt.explain(sp.erfc(w) * w, w, at={w: point})).splitlines()
    assert explained[1] == ("  w: zero: dJ/dw = 0" if value == "0" else "  w: fine: dJ/dw = 2")


@pytest.mark.parametrize("call, suggestion", [
    (lambda w: derive(w**2, w, a={w: 1}), "did you mean at=?"),
    (lambda w: graph(w**2, att={w: 1}), "did you mean at=?"),
    (lambda w: symopt.explain(w**2, w, att={w: 1}), "did you mean at=?"),
    (lambda w: symopt.derive(w**2, w, nmes={}), "did you mean names=?")])
def test_mistyped_keyword_is_advised(call, suggestion):  # P40-4: Python's bare TypeError
    with pytest.raises(symopt.errors.ConfigurationError, match=suggestion):
        call(sp.Symbol("w", real=True))


def test_result_misuse_names_where_the_numbers_are():  # P40-5: bare TypeError / AttributeError
    import copy
    import pickle
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 5)**2, w, steps=3)
    assert not callable(result)  # a Result is refused where a function is expected (final37b F37b-2)
    with pytest.raises(symopt.errors.ConfigurationError, match="callback: expected a function"):
        symopt.minimize((w - 5)**2, w, steps=3, callback=result)
    with pytest.raises(TypeError, match=r"result\.value"):
        float(result)
    for use in (int, round, complex, lambda r: round(r, 2), lambda r: [0, 1][r], lambda r: f"{r:.3f}"):
        with pytest.raises(symopt.errors.ConfigurationError, match=r"not a number.*result\.value"):  # F37b-3
            use(result)
    assert f"{result}" == str(result) and f"{result.value:.3f}" == f"{float(result.value):.3f}"
    assert f"{result:>300}" == f"{str(result):>300}"  # a string format aligns the repr (final38a F38a-3)
    with pytest.raises(symopt.errors.ConfigurationError, match=r"format\(result, '\.3'\)"):
        f"{result:.3}"  # a number's precision, not a truncation to 'Res' (final38b F38b-4)
    held = np.array([result, result], dtype=object)  # kept in an object array (final38b F38b-6)
    assert held.shape == (2,) and held[0] is result
    for use in (np.asarray, np.float64, np.round, lambda r: np.array([r])):  # NumPy read it as [w] (F38a-3)
        with pytest.raises(symopt.errors.ConfigurationError, match=r"not an array.*result\.value"):
            use(result)
    with pytest.raises(symopt.errors.ConfigurationError, match=r"expected result\[w\] or result\['w'\]"):
        result.w
    with pytest.raises(AttributeError, match="result.params"):
        result.w
    assert not hasattr(result, "w") and getattr(result, "nothing", 7) == 7
    assert pickle.loads(pickle.dumps(result))["w"] == result[w] == copy.deepcopy(result)["w"]


def test_explain_markdown_escapes_names():  # P40-8: `| a|b |` had five cells; `a$b` opened inline math
    w = sp.Symbol("w", real=True)
    for name, shown in (("a|b", r"a\|b"), ("a$b", r"a\$b")):
        s = sp.Symbol(name, real=True)
        markdown = symopt.explain((s - 3)**2 + w**2, [s, w], at={s: 1, w: 0})._repr_markdown_()
        assert markdown.splitlines()[0] == rf"**explain** ({shown} = 1, w = 0)"
        assert rf"| {shown} | fine: dJ/d{shown} = -4 | – | – |" in markdown.splitlines()  # hand: 2(1 - 3)


def test_a_float32_derivation_with_matrix_steps_shows_its_numbers():
    """final37b F37b-1: the float32 formula values (P40-7) reached matrix steps' arrays and raised a bare
    AttributeError; the scalar gradient of sum(X∘²)·v² is 2v·sum(X∘²) = 2·2·10.25 = 41, as float64's."""
    from symopt import ops
    X = symopt.Placeholder("X", (2, None), dtype="float32")
    v = symopt.Variable("v", 0.0, dtype="float32")
    text = str(symopt.derive(ops.sum(ops.square(X)) * v**2, v, at={X: [[1, -2, .5], [0, 1, 2]], v: 2}))
    assert text.splitlines()[-1].endswith("= 41")
    w = symopt.Variable("w", np.zeros((1, 2)), shape=(1, 2), dtype="float32")
    Y = symopt.Placeholder("Y", (2, None), dtype="float32")
    shown = str(symopt.derive(ops.sum(ops.exp(w @ Y)), w, at={w: [[0.0, 0.0]], Y: [[1.0], [0.0]]}))
    assert shown.splitlines()[-1].endswith("= [[1, 0]]")
