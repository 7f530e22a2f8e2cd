"""Display polish: graphs in notebooks, natural input order, names in the ops style, one symbol for d,
bounded layout work, update rules in LaTeX, the notebook view of a Result, progress bars, plot paths."""

import base64
import re
import sys
from xml.etree import ElementTree

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.display.graph_nodes import natural_key
from symopt.display.result import loss_curve_svg, parameter_summary, result_html
from symopt.display.rules import latex_number
from symopt.display.svg import MAX_LABEL, MAX_WAYPOINT_SPAN, layout, layout_size
from symopt.errors import ConfigurationError

a, b, c, w = sympy.symbols("a b c w")
J_COURSE = 3 * (a + b * c)


def two_layer_columns():
    """The course's layout: examples as columns, ``Z2 = W2 tanh(W1 X + b1) + b2``."""
    X = symopt.Placeholder("X", shape=(2, None))
    W1 = symopt.Variable("W1", 0.0, shape=(3, 2))
    b1 = symopt.Variable("b1", 0.0, shape=(3, 1))
    W2 = symopt.Variable("W2", 0.0, shape=(1, 3))
    b2 = symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = W1 @ X + b1 @ sympy.OneMatrix(1, X.shape[1])
    A1 = Z1.applyfunc(sympy.tanh)
    Z2 = W2 @ A1 + b2 @ sympy.OneMatrix(1, X.shape[1])
    return ops.sum(Z2.applyfunc(sympy.exp)), {Z1: "Z1", A1: "A1", Z2: "Z2"}


# ---------------------------------------------------------------- notebooks

def test_graph_shows_in_an_untrusted_notebook_as_an_image_of_its_svg():
    drawing = symopt.graph(J_COURSE, at={a: 5, b: 3, c: 2})
    bundle = drawing._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/svg+xml", "text/plain"}
    assert bundle["image/svg+xml"] == drawing.svg() == drawing._repr_svg_()
    match = re.fullmatch(r'<div class="symopt-graph-box" style="overflow-x: auto; max-width: 100%">'
                         r'<img class="symopt-graph" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" '
                         r'alt="computation graph of 3bc \+ 3a" style="width: clamp\(\d+px, 100%, \d+px\); '
                         r'max-width: none; height: auto"></div>', bundle["text/html"])
    assert match, bundle["text/html"][:120]
    assert base64.b64decode(match.group(1)).decode("utf-8") == drawing.svg()
    assert bundle["text/html"] == drawing.html()


def test_png_is_a_real_png_of_the_layout():
    pytest.importorskip("matplotlib")
    data = symopt.graph(J_COURSE, at={a: 5, b: 3, c: 2}).png()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image
    import io
    pixels = matplotlib.image.imread(io.BytesIO(data))
    _, _, width, height = layout(symopt.graph(J_COURSE, at={a: 5, b: 3, c: 2}).nodes())
    assert pixels.shape[:2] == (round(height), round(width))
    assert (pixels[..., :3].mean(axis=2) < 0.5).mean() > 0.002  # dark ink: labels and edges


# ---------------------------------------------------------------- graph text

def test_inputs_in_natural_order_in_both_styles():
    cost, _ = two_layer_columns()
    for style in ("values", "ops"):
        inputs = [node.id for node in symopt.graph(cost, style).nodes() if node.kind == "input"]
        assert inputs == ["b₁", "b₂", "W₁", "W₂", "X"], style
    assert sorted(["W10", "W2", "b", "W1"], key=natural_key) == ["b", "W1", "W2", "W10"]


def test_ops_style_names_the_named_operations():
    cost, names = two_layer_columns()
    assert str(symopt.graph(cost, "ops", names=names)) == "\n".join([
        "b₁", "b₂", "W₁", "W₂", "X",
        "u: matmul  ← W₁, X", "𝟙", "v: matmul  ← b₁, 𝟙", "Z₁: +  ← u, v", "A₁: tanh  ← Z₁",
        "p: matmul  ← W₂, A₁", "𝟙", "q: matmul  ← b₂, 𝟙", "Z₂: +  ← p, q", "r: exp  ← Z₂", "J: sum  ← r"])
    drawn = {node.id: node.lines for node in symopt.graph(cost, "ops", names=names).nodes()}
    assert (drawn["Z₁"], drawn["A₁"], drawn["u"], drawn["J"]) == (("+", "Z₁"), ("tanh", "A₁"), ("matmul",), ("sum", "J"))


def test_graphs_write_d_as_derivations_do():
    lines = str(symopt.graph(J_COURSE, at={a: 5, b: 3, c: 2})).splitlines()
    assert lines[:3] == ["a = 5, dJ/da = 3", "b = 3, dJ/db = 6", "c = 2, dJ/dc = 9"]
    assert "∂" not in symopt.graph(J_COURSE, at={a: 5, b: 3, c: 2}).svg()
    assert "dJ/da" in str(symopt.derive(J_COURSE, [a, b, c]))


def test_intermediate_names_never_reuse_an_input_name():
    inputs = sympy.symbols("u v w p q r s t u1 u2 u3")
    cost = sum(sympy.sin(x) * sympy.exp(x) for x in inputs)
    for style in ("values", "ops"):
        nodes = symopt.graph(cost, style).nodes()
        names = [node.id for node in nodes if node.kind != "constant"]
        assert len(names) == len(set(names)), style
        operations = {node.id for node in nodes if node.kind == "operation"}
        assert operations.isdisjoint({"u", "v", "w", "p", "q", "r", "s", "t", "u₁", "u₂", "u₃"}), style


def test_ops_style_refuses_numbers():
    with pytest.raises(ConfigurationError, match='"values" style only'):
        symopt.graph(J_COURSE, "ops", at={a: 5, b: 3, c: 2})
    # with_style("ops") of a graph with at= draws the operations (probe10 T1): test_display_p10_styles_and_reprs


# ---------------------------------------------------------------- bounded work

def test_a_long_sum_has_linear_layout_work_and_exact_gradients():
    xs = sympy.symbols("x0:1200")
    drawing = symopt.graph(sum(x ** 2 for x in xs), at={x: k % 5 for k, x in enumerate(xs)})
    nodes = drawing.nodes()
    assert layout_size(nodes) == {"nodes": 2401, "edges": 2400, "waypoints": 0}
    assert nodes[0].lines == ("x₀ = 0", "dJ/dx₀ = 0") and nodes[3].lines == ("x₃ = 3", "dJ/dx₃ = 6")
    assert all(len(line) <= MAX_LABEL for line in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", drawing.svg()))


def test_a_deep_chain_has_bounded_waypoints():
    chain = w
    for _ in range(60):
        chain = sympy.sin(chain) * w  # every level reads w: edges from w span up to 120 layers
    nodes = symopt.graph(chain).nodes()
    size = layout_size(nodes)
    assert size["edges"] == 180
    assert size["waypoints"] <= MAX_WAYPOINT_SPAN * size["edges"]
    assert size["waypoints"] < 200  # all-waypoint routing would place 3 600


def test_numbers_and_gradients_at_a_point_match_sympy():
    x, y = sympy.symbols("x y")
    cost = sympy.exp(x * y) + sympy.log(1 + x ** 2) * y + 3 * x
    at = {x: 0.5, y: -1.25}
    lines = {node.id: node.lines for node in symopt.graph(cost, at=at).nodes()}
    for symbol in (x, y):
        expected = float(sympy.diff(cost, symbol).subs(at))
        shown = float(lines[str(symbol)][1].split(" = ")[1])
        assert shown == pytest.approx(expected, rel=1e-5)
    assert float(lines["J"][0].rsplit(" = ", 1)[1]) == pytest.approx(float(cost.subs(at)), rel=1e-5)


# ---------------------------------------------------------------- update rules, results, progress, plots

def test_update_rule_latex_numbers():
    assert [latex_number(v) for v in (1e-8, 2.5e-7, 0.1, 0.999)] == ["10^{-8}", r"2.5 \cdot 10^{-7}", "0.1", "0.999"]
    assert symopt.update_rule(symopt.Adam(0.1)).latex().splitlines()[1] == (
        r"&\text{Adam} \quad \eta = 0.1,\; \beta_1 = 0.9,\; \beta_2 = 0.999,\; \epsilon = 10^{-8} \\")
    assert symopt.update_rule(symopt.GradientDescent(0.01)).latex() == (
        "\\begin{aligned}\n&\\text{GradientDescent} \\quad \\eta = 0.01 \\\\\n"
        "\\theta &\\leftarrow \\theta - g \\eta\n\\end{aligned}")


def test_result_notebook_view_is_a_table_and_a_curve():
    v = symopt.Variable("v", 0.0)
    W = symopt.Variable("W", 0.5, shape=(2, 3))
    result = symopt.minimize((v - 2) ** 2 + ops.sum(ops.square(W)), [v, W],
                             optimizer=symopt.GradientDescent(0.1), steps=20)
    view = result._repr_html_()
    assert view == result_html(result)
    assert view.startswith("<div class='symopt-result' style='display: flex; gap: 24px; align-items: flex-start'>"
                           "<div><table><tr><td>outcome</td><td>stopped after 20 steps</td></tr>"
                           "<tr><td>steps</td><td>20</td></tr>")
    assert f"<tr><td>v</td><td>scalar</td><td>{float(result[v]):.6g}</td></tr>" in view
    shrunk = 0.5 * 0.8 ** 20  # each step multiplies W by 1 - 2·0.1
    assert f"<tr><td>W</td><td>(2, 3)</td><td>min {shrunk:.3g}, max {shrunk:.3g}</td></tr>" in view
    curve = base64.b64decode(re.search(r"base64,([^']+)'", view).group(1)).decode()
    assert curve == loss_curve_svg(result.history)
    root = ElementTree.fromstring(curve)
    points = root.find("{http://www.w3.org/2000/svg}polyline").get("points").split()
    assert len(points) == len(result.history)
    assert "step (log cost)" in curve  # 4.09 down to 3e-4: more than a factor of 100
    assert parameter_summary(np.array([[1.5], [2.0]])) == ("(2, 1)", "[1.5, 2]")


def test_progress_bar_in_a_notebook_without_ipywidgets_writes_to_stdout(monkeypatch):
    pytest.importorskip("tqdm")
    from symopt import progress
    assert not progress.in_notebook()  # pytest is no Jupyter kernel, even with ipykernel imported
    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    monkeypatch.setattr(progress.importlib.util, "find_spec",
                        lambda name, *rest: None if name == "ipywidgets" else object())
    bar = progress._tqdm()
    assert bar.keywords == {"file": sys.stdout}
    import tqdm.std
    assert bar.func is tqdm.std.tqdm


def test_optimizer_paths_are_distinguishable():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from symopt import plot
    v = symopt.Variable("v", 0.0)
    ax = plot.optimizer_paths((v - 5) ** 2, {v: 0.0}, {"GD": symopt.GradientDescent(0.1),
                                                       "Momentum": symopt.Momentum(0.05, 0.9),
                                                       "Adam": symopt.Adam(0.5)}, steps=10)
    paths = ax.get_lines()[1:]
    styles = {(line.get_marker(), line.get_linestyle(), line.get_markersize()) for line in paths}
    assert len(styles) == 3
    matplotlib.pyplot.close("all")


def _optimizer_classes():
    return [getattr(symopt, name) for name in symopt.__all__
            if isinstance(getattr(symopt, name), type) and issubclass(getattr(symopt, name), symopt.Optimizer)
            and getattr(symopt, name) is not symopt.Optimizer]


@pytest.mark.parametrize("cls", _optimizer_classes(), ids=lambda cls: cls.__name__)
def test_every_optimizer_rule_uses_glyphs_not_internal_names(cls):
    from symopt.display.rules import GLYPHS
    optimizer = cls(0.1, momentum=0.9) if cls is symopt.Momentum else cls(0.1)
    names = {s.name for pair in optimizer.rule() for e in pair for s in e.free_symbols}
    assert names <= set(GLYPHS), f"{cls.__name__} leaks {sorted(names - set(GLYPHS))}"
    assert set(optimizer.hyperparameters) <= set(GLYPHS), cls.__name__
    rule = symopt.update_rule(optimizer)
    assert "_" not in rule.text() and "power" not in rule.latex() and "float32" not in rule.latex()
