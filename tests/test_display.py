"""Teaching display: derivations, computation graphs and update rules (exact expected text)."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.display import derive, graph, graph_command, update_rule
from symopt.display.notation import latex, text
from symopt.display.prepared import prepare
from symopt.display.steps import split
from symopt.errors import ConfigurationError, ParseError
from symopt.stable import written_out

a, b, c, w, y = sympy.symbols("a b c w y")
w1, w2, x1, x2 = sympy.symbols("w1 w2 x1 x2")
J_COURSE = 3 * (a + b * c)  # SymPy stores 3*a + 3*b*c; the display factors the 3 back out
AT_COURSE = {a: 5, b: 3, c: 2}
LECTURE = w**2 - 10 * w + 25


def logistic_one_example():
    z = w1 * x1 + w2 * x2 + b
    activation = symopt.sigmoid(z)
    loss = -(y * sympy.log(activation) + (1 - y) * sympy.log(1 - activation))
    return loss, {z: "z", activation: "a", loss: "L"}


def placeholder_cost():
    x = symopt.Placeholder("x", (3, 1))
    return x, x[0, 0] * w**2 + x[1, 0] * w + x[2, 0]


# ---------------------------------------------------------------- derivations: exact text

COURSE_TEXT = """\
forward
  u = bc
  v = a + u
  J = 3v
backward
  dJ/dv = 3
  dJ/du = dJ/dv · dv/du = 3
  dJ/da = dJ/dv · dv/da = 3
  dJ/db = dJ/du · du/db = 3c
  dJ/dc = dJ/du · du/dc = 3b
gradient
  dJ/da = 3
  dJ/db = 3c
  dJ/dc = 3b"""

COURSE_TEXT_AT = """\
forward (a = 5, b = 3, c = 2)
  u = bc = 6
  v = a + u = 11
  J = 3v = 33
backward
  dJ/dv = 3
  dJ/du = dJ/dv · dv/du = 3
  dJ/da = dJ/dv · dv/da = 3
  dJ/db = dJ/du · du/db = 3c = 6
  dJ/dc = dJ/du · du/dc = 3b = 9
gradient
  dJ/da = 3
  dJ/db = 3c = 6
  dJ/dc = 3b = 9"""

COURSE_LATEX_AT = r"""\begin{aligned}
&\text{forward} \quad a = 5,\; b = 3,\; c = 2 \\
u &= b c = 6 \\
v &= a + u = 11 \\
J &= 3 v = 33 \\
&\text{backward} \\
\frac{dJ}{dv} &= 3 \\
\frac{dJ}{du} &= \frac{dJ}{dv} \cdot \frac{dv}{du} = 3 \\
\frac{dJ}{da} &= \frac{dJ}{dv} \cdot \frac{dv}{da} = 3 \\
\frac{dJ}{db} &= \frac{dJ}{du} \cdot \frac{du}{db} = 3 c = 6 \\
\frac{dJ}{dc} &= \frac{dJ}{du} \cdot \frac{du}{dc} = 3 b = 9 \\
&\text{gradient} \\
\frac{dJ}{da} &= 3 \\
\frac{dJ}{db} &= 3 c = 6 \\
\frac{dJ}{dc} &= 3 b = 9
\end{aligned}"""

COURSE_LATEX = r"""\begin{aligned}
&\text{forward} \\
u &= b c \\
v &= a + u \\
J &= 3 v \\
&\text{backward} \\
\frac{dJ}{dv} &= 3 \\
\frac{dJ}{du} &= \frac{dJ}{dv} \cdot \frac{dv}{du} = 3 \\
\frac{dJ}{da} &= \frac{dJ}{dv} \cdot \frac{dv}{da} = 3 \\
\frac{dJ}{db} &= \frac{dJ}{du} \cdot \frac{du}{db} = 3 c \\
\frac{dJ}{dc} &= \frac{dJ}{du} \cdot \frac{du}{dc} = 3 b \\
&\text{gradient} \\
\frac{dJ}{da} &= 3 \\
\frac{dJ}{db} &= 3 c \\
\frac{dJ}{dc} &= 3 b
\end{aligned}"""

LECTURE_TEXT = """\
forward
  u = w²
  J = u - 10w + 25
backward
  dJ/du = 1
  dJ/dw = dJ/du · du/dw + ∂J/∂w = 2w - 10
gradient
  dJ/dw = 2w - 10"""

LECTURE_TEXT_AT = """\
forward (w = 0)
  u = w² = 0
  J = u - 10w + 25 = 25
backward
  dJ/du = 1
  dJ/dw = dJ/du · du/dw + ∂J/∂w = 2w - 10 = -10
gradient
  dJ/dw = 2w - 10 = -10"""

LECTURE_LATEX = r"""\begin{aligned}
&\text{forward} \\
u &= w^{2} \\
J &= u - 10 w + 25 \\
&\text{backward} \\
\frac{dJ}{du} &= 1 \\
\frac{dJ}{dw} &= \frac{dJ}{du} \cdot \frac{du}{dw} + \frac{\partial J}{\partial w} = 2 w - 10 \\
&\text{gradient} \\
\frac{dJ}{dw} &= 2 w - 10
\end{aligned}"""


LECTURE_LATEX_AT = r"""\begin{aligned}
&\text{forward} \quad w = 0 \\
u &= w^{2} = 0 \\
J &= u - 10 w + 25 = 25 \\
&\text{backward} \\
\frac{dJ}{du} &= 1 \\
\frac{dJ}{dw} &= \frac{dJ}{du} \cdot \frac{du}{dw} + \frac{\partial J}{\partial w} = 2 w - 10 = -10 \\
&\text{gradient} \\
\frac{dJ}{dw} &= 2 w - 10 = -10
\end{aligned}"""


def test_course_example_text():
    assert str(derive(J_COURSE, [a, b, c])) == COURSE_TEXT


def test_course_example_text_at_a_point():
    assert str(derive(J_COURSE, [a, b, c], at=AT_COURSE)) == COURSE_TEXT_AT


def test_course_example_latex():
    derivation = derive(J_COURSE, [a, b, c], at=AT_COURSE)
    assert derivation.latex() == COURSE_LATEX_AT
    assert derivation._repr_latex_() == f"$${COURSE_LATEX_AT}$$"
    assert derive(J_COURSE, [a, b, c]).latex() == COURSE_LATEX


def test_course_example_markdown():
    markdown = derive(J_COURSE, [a, b, c], at=AT_COURSE).markdown()
    assert markdown.startswith("**Forward** ($a = 5,\\; b = 3,\\; c = 2$)\n\n$$\n\\begin{aligned}\nu &= b c = 6 \\\\\n")
    assert "**Backward (chain rule)**" in markdown and "**Gradient**" in markdown
    assert markdown.count("$$\n\\begin{aligned}") == 3


def test_lecture_cost_text_and_latex():
    assert str(derive(LECTURE, w)) == LECTURE_TEXT
    assert str(derive(LECTURE, w, at={w: 0})) == LECTURE_TEXT_AT
    assert derive(LECTURE, w).latex() == LECTURE_LATEX
    assert derive(LECTURE, w, at={w: 0}).latex() == LECTURE_LATEX_AT


def test_lecture_cost_with_a_variable_and_float_values():
    variable = symopt.Variable("w", 0.0)
    derivation = derive(variable**2 - 10 * variable + 25, variable, at={"w": 1.0})
    assert str(derivation).splitlines()[-1] == "  dJ/dw = 2w - 10 = -8"


def test_code_notation_for_the_course_example():
    lines = str(derive(J_COURSE, [a, b, c], at=AT_COURSE, notation="code")).splitlines()
    assert lines[5:10] == ["  dv = 3", "  du = 3", "  da = 3", "  db = 3c = 6", "  dc = 3b = 9"]


def test_logistic_regression_one_example_in_code_notation():
    loss, names = logistic_one_example()
    derivation = derive(loss, [w1, w2, b], names=names, notation="code")
    assert str(derivation) == """\
forward
  z = w₁x₁ + w₂x₂ + b
  a = σ(z)
  L = -(y·log(a) + (1 - y)·log(1 - a))
backward
  da = -y/a + (1 - y)/(1 - a)
  dz = a - y
  dw₁ = x₁·dz
  dw₂ = x₂·dz
  db = dz
gradient
  dL/dw₁ = x₁(σ(w₁x₁ + w₂x₂ + b) - y)
  dL/dw₂ = x₂(σ(w₁x₁ + w₂x₂ + b) - y)
  dL/db = σ(w₁x₁ + w₂x₂ + b) - y"""
    latex_lines = derivation.latex().splitlines()
    assert r"dz &= a - y \\" in latex_lines
    assert r"dw_{1} &= x_{1} \cdot dz \\" in latex_lines
    assert r"da &= - \frac{y}{a} + \frac{1 - y}{1 - a} \\" in latex_lines


def test_logistic_regression_one_example_in_fraction_notation_at_a_point():
    loss, names = logistic_one_example()
    at = {w1: 1, w2: -1, b: 0.5, x1: 2, x2: 1, y: 1}
    lines = str(derive(loss, [w1, w2, b], names=names, at=at)).splitlines()
    assert "  a = σ(z) = 0.817574" in lines
    assert "  dL/dz = dL/da · da/dz = a - y = -0.182426" in lines
    assert "  dL/dw₁ = dL/dz · dz/dw₁ = x₁(a - y) = -0.364851" in lines


def test_every_operation_is_a_step_without_names():
    loss, _ = logistic_one_example()
    forward = split(loss)
    # w is skipped: beside the weights w₁, w₂ a step w would read as a weight (probe U7)
    assert [text(step.symbol) for step in forward.steps][:4] == ["u", "v", "p", "q"]
    assert text(forward.steps[3].expression) == "σ(p)"
    assert text(forward.output.expression) == "-u₄"


@pytest.mark.parametrize("cost, wrt, at", [
    (J_COURSE, [a, b, c], AT_COURSE),
    (LECTURE, [w], {w: 3}),
    (sympy.exp(-w * a) / (1 + w**2) + sympy.sqrt(a + w**2), [w, a], {w: 0.5, a: 2}),
    (logistic_one_example()[0], [w1, w2, b], {w1: 1, w2: -1, b: 0.5, x1: 2, x2: 1, y: 0}),
])
def test_gradient_matches_symopt_grad_and_finite_differences(cost, wrt, at):
    derivation = derive(cost, wrt, at=at)
    point = {symbol: sympy.Float(value) for symbol, value in at.items()}
    for symbol in wrt:
        assert sympy.simplify(derivation.gradient[symbol] - symopt.grad(cost, symbol)) == 0
        step = 1e-6
        shifted = {**point, symbol: point[symbol] + step}
        numeric = (float(cost.subs(shifted)) - float(cost.subs(point))) / step
        assert abs(float(derivation.gradient[symbol].subs(point)) - numeric) < 1e-4


def test_matrix_logistic_regression():
    X = symopt.Placeholder("X", (2, None))
    Y = symopt.Placeholder("Y", (1, None))
    W = symopt.Variable("W", 0.0, shape=(1, 2))
    bias = symopt.Variable("b", 0.0, shape=(1, 1))
    Z = ops.bias_add(ops.matmul(W, X), bias)
    loss = ops.sigmoid_cross_entropy(Z, Y)
    derivation = derive(loss, [W, bias], names={Z: "Z", ops.sigmoid(Z): "A", loss: "L"}, shapes=False)
    assert str(derivation) == """\
forward
  Z = W X + b
  A = σ(Z)
  ℓ = softplus(Z) - Y·Z
  L = (1/m) Σ ℓ
backward (dZ = m·∂L/∂Z, the gradient of each example's loss ℓ; Σ sums over the examples, axis 1, dimensions kept)
  dZ = A - Y
  dW = (1/m) dZ Xᵀ
  db = (1/m) Σ dZ"""
    assert r"dW &= \frac{1}{m} dZ \cdot X^{T} \\" in derivation.latex().splitlines()
    # the course's σ(Z) - Y: the gradient of softplus(z) - y z as written (the loss node's own adjoint computes
    # (1 - y)σ(z) - yσ(-z), exact in both tails, probe33 P33-3)
    assert derivation.gradient[W] == symopt.grad(written_out(loss), W)


# ---------------------------------------------------------------- notation and splitting

@pytest.mark.parametrize("expr, expected", [
    (3 * (a + b * c), "3(bc + a)"),  # terms by falling degree, as w² - 10w + 25
    (w1 * x1 + w2 * x2 + b, "w₁x₁ + w₂x₂ + b"),
    (1 - a, "1 - a"),
    (symopt.sigmoid(w) * (1 - symopt.sigmoid(w)), "(1 - σ(w))·σ(w)"),
    (1 / (1 + sympy.exp(-w)), "1/(1 + exp(-w))"),
    (sympy.sqrt(w + 1) / 2, "√(w + 1)/2"),
])
def test_text_notation(expr, expected):
    assert text(prepare(expr)) == expected


def test_prepare_restores_the_factored_form():
    assert prepare(J_COURSE) == sympy.Mul(3, a + b * c, evaluate=False)
    assert latex(prepare(J_COURSE)) == r"3 \left(b c + a\right)"


# ---------------------------------------------------------------- graphs

COURSE_DOT = """\
digraph "J" {
    rankdir=LR;
    node [fontname="Helvetica"];
    "a" [label="a", shape=ellipse];
    "b" [label="b", shape=ellipse];
    "c" [label="c", shape=ellipse];
    "u" [label="u = bc", shape=box];
    "v" [label="v = a + u", shape=box];
    "J" [label="J = 3v", shape=box];
    "b" -> "u";
    "c" -> "u";
    "a" -> "v";
    "u" -> "v";
    "v" -> "J";
}
"""


def test_dot_of_the_course_example():
    assert graph(J_COURSE).dot() == COURSE_DOT
    assert '"3" [label="3", shape=plaintext];' in graph(J_COURSE, "ops").dot()


def test_text_of_the_course_graph_both_styles():
    drawing = graph(J_COURSE)
    assert str(drawing) == "a\nb\nc\nu = bc  ← b, c\nv = a + u  ← a, u\nJ = 3v  ← v"
    assert str(drawing.with_style("ops")) == "a\nb\nc\nu: ×  ← b, c\nv: +  ← a, u\n3\nJ: ×  ← 3, v"
    assert str(graph(J_COURSE, at=AT_COURSE)).splitlines() == [
        "a = 5, dJ/da = 3", "b = 3, dJ/db = 6", "c = 2, dJ/dc = 9",
        "u = bc = 6, dJ/du = 3  ← b, c", "v = a + u = 11, dJ/dv = 3  ← a, u", "J = 3v = 33  ← v"]


def test_ops_labels_of_the_lecture_placeholder_cost():
    _, cost = placeholder_cost()
    drawing = graph(cost, "ops")
    assert str(drawing) == ("w\nx[0,0]\nx[1,0]\nx[2,0]\nu: square  ← w\nv: ×  ← x[0,0], u\np: ×  ← x[1,0], w\n"
                            "J: +  ← v, p, x[2,0]")
    labels = [node.lines[0] for node in drawing.nodes() if node.kind == "operation"]
    assert labels == ["square", "×", "×", "+"]


def test_values_graph_of_the_placeholder_cost_at_a_point():
    x, cost = placeholder_cost()
    lines = str(graph(cost, at={w: 0, x: np.array([[1.0], [-10.0], [25.0]])})).splitlines()
    assert "w = 0, dJ/dw = -10" in lines
    assert "J = v + p + x[2,0] = 25  ← v, p, x[2,0]" in lines


def _svg_texts(svg: str) -> set:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return {"".join(span.itertext()) for span in root.iter("{http://www.w3.org/2000/svg}tspan")}


@pytest.mark.parametrize("style", ["values", "ops"])
@pytest.mark.parametrize("case", ["course", "lecture", "placeholder", "logistic"])
def test_svg_is_well_formed_and_holds_every_label(style, case):
    x, placeholder = placeholder_cost()
    cost, at = {"course": (J_COURSE, AT_COURSE), "lecture": (LECTURE, {w: 0}),
                "placeholder": (placeholder, None), "logistic": (logistic_one_example()[0], None)}[case]
    drawing = graph(cost, style, at=at if style == "values" else None)
    shown = _svg_texts(drawing.svg())
    for node in drawing.nodes():
        assert set(node.lines) <= shown
    assert drawing._repr_svg_() == drawing.svg()
    assert drawing.svg().count("marker-end=") == sum(len(node.inputs) for node in drawing.nodes())


def test_shared_subexpression_is_one_node():
    shared = sympy.exp(w * a) + sympy.sin(sympy.exp(w * a))
    nodes = graph(shared).nodes()
    assert [", ".join(node.lines) for node in nodes if node.kind == "operation"] == [
        "u = aw", "v = exp(u)", "p = sin(v)", "J = v + p"]


# ---------------------------------------------------------------- update rules

def test_update_rules_as_text_and_latex():
    assert str(update_rule(symopt.GradientDescent(0.01))) == "GradientDescent: η = 0.01\n  θ ← θ - gη"
    assert update_rule(symopt.GradientDescent(0.01)).latex() == (
        "\\begin{aligned}\n&\\text{GradientDescent} \\quad \\eta = 0.01 \\\\\n"
        "\\theta &\\leftarrow \\theta - g \\eta\n\\end{aligned}")
    assert str(update_rule(symopt.Adam(0.1))) == """\
Adam: η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-08
  m ← m + (g - m)(1 - β₁)
  v ← v + (g² - v)(1 - β₂)
  θ ← θ - m(η√(1 - β₂ᵗ)/(1 - β₁ᵗ))/(√v + ε)
  β₁ᵗ ← β₁ᵗβ₁
  β₂ᵗ ← β₂ᵗβ₂"""
    assert str(update_rule(symopt.Momentum(0.1, 0.9))).splitlines()[1:] == ["  a ← aμ + g", "  θ ← θ - aη"]
    assert update_rule(symopt.RMSProp(0.1))._repr_latex_().startswith("$$\\begin{aligned}")


# ---------------------------------------------------------------- command line handler

def test_graph_command_writes_svg_dot_and_text(tmp_path, capsys):
    svg_path, dot_path = tmp_path / "graph.svg", tmp_path / "graph.dot"
    assert graph_command("3*(a + b*c)", "values", "a=5,b=3,c=2", str(svg_path)) == 0
    assert "u = bc = 6" in _svg_texts(svg_path.read_text(encoding="utf-8"))
    graph_command("3*(a + b*c)", "values", None, str(dot_path))
    assert dot_path.read_text(encoding="utf-8") == COURSE_DOT
    graph_command("w**2 - 10*w + 25", "ops", "", None)
    assert capsys.readouterr().out == "w\nu: square  ← w\n-10\nv: ×  ← -10, w\n25\nJ: +  ← u, v, 25\n"


# ---------------------------------------------------------------- errors teach

@pytest.mark.parametrize("call, error, words", [
    (lambda: derive(J_COURSE, [a], notation="leibniz"), ConfigurationError, ["notation", "fraction"]),
    (lambda: derive(J_COURSE, [a + b]), ConfigurationError, ["wrt", "symbols"]),
    (lambda: derive(J_COURSE, [a], at={a: 1}), ConfigurationError, ["missing", "'b'"]),
    (lambda: derive(J_COURSE, [a], at={"w": 1, a: 1, b: 1, c: 1}), ConfigurationError, ["not an input"]),
    (lambda: derive(J_COURSE, [a], names={a + b * c: "u", b * c: "u"}), ConfigurationError, ["two"]),
    (lambda: derive(J_COURSE, [a], names={b * c: "a"}), ConfigurationError, ["already the name"]),
    (lambda: derive(J_COURSE, [a], names={sympy.exp(w): "q"}), ConfigurationError, ["occurs neither"]),
    (lambda: graph(J_COURSE, "boxes"), ConfigurationError, ["style", "ops"]),
    (lambda: update_rule("adam"), ConfigurationError, ["symopt.Adam"]),
    (lambda: graph_command("3*(a + b*c)", "values", "d=1", None), ParseError, ["not symbols", "'a'"]),
])
def test_errors_say_what_was_expected(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)


# ---------------------------------------------------------------- the documentation's examples

def test_docs_page_examples_are_exact():
    import doctest
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "docs" / "display.md"
    result = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 10
