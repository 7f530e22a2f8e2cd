"""Long derivations with ``at=`` typeset in a real JupyterLab in headless Chromium (probe47 P47-1).

A derivation's ``_repr_latex_`` over 5 KB (a 20-term sum with ``at=``) showed only a yellow MathJax box,
"MathJax internal buffer size exceeded": its point ``w = 1,\\ x_{0} = 0, ...`` used the control space ``\\ ``,
which MathJax expands as a macro, checking the rest of the formula against its 5 KB buffer at every expansion.
This test writes a notebook whose saved outputs are such derivations (12, 50 and 200 terms, and the 12-point
least squares of the course) and derivations whose rows carry matrices of 8 and 10 columns (probe59 P59-3,
review F42c-9: each row must fit the output area), opens it untrusted with the helpers of ``tests/test_notebook_browser.py`` and checks
that MathJax typesets each without an error.  It is skipped where JupyterLab, playwright or chromium is missing.
"""

from __future__ import annotations

import pathlib
import sys
import tempfile

import nbformat
import pytest
import sympy

import symopt

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from test_notebook_browser import CHROMIUM, VIEWPORT_WIDTH, check_output, jupyterlab, open_notebook  # noqa: E402

TERMS = (12, 50, 200)


def _sum_of_squares(terms: int):
    w = sympy.Symbol("w")
    xs = sympy.symbols(f"x0:{terms}")
    return symopt.derive(sum((w - x) ** 2 for x in xs), w, at={w: 1, **{x: k for k, x in enumerate(xs)}})


def _least_squares():
    w = sympy.Symbol("w")
    xs, ys = sympy.symbols("x0:12"), sympy.symbols("y0:12")
    at = {w: 0.5, **{x: k for k, x in enumerate(xs)}, **{y: 2 * k for k, y in enumerate(ys)}}
    return symopt.derive(sum((w * x - y) ** 2 for x, y in zip(xs, ys)) / 12, w, at=at)


def _network_with_remarks():
    """The course's softmax network, whose one-hot remark was one row wider than the output area (probe59 P59-3)."""
    from symopt import ops
    X, Y = symopt.Placeholder("X", shape=(None, 64)), symopt.Placeholder("Y", shape=(None, 10))
    W1, b1 = symopt.Variable("W1", 0.1, shape=(64, 32)), symopt.Variable("b1", 0.0, shape=(1, 32))
    W2, b2 = symopt.Variable("W2", 0.1, shape=(32, 10)), symopt.Variable("b2", 0.0, shape=(1, 10))
    logits = ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2)
    return symopt.derive(ops.softmax_cross_entropy(logits, Y), [W1, b1, W2, b2])


def _network_at_examples(classes: int):
    """A softmax network of ``classes`` outputs at two examples: rows of 8 to 10 numbers beside their formulas
    typeset 836 px wide (review F42c-9)."""
    import numpy as np
    from symopt import ops
    rng = np.random.default_rng(0)
    X, Y = symopt.Placeholder("X", shape=(None, 4)), symopt.Placeholder("Y", shape=(None, classes))
    W1, b1 = symopt.Variable("W1", rng.normal(size=(4, 5)) * -0.3), symopt.Variable("b1", np.zeros((1, 5)))
    W2 = symopt.Variable("W2", rng.normal(size=(5, classes)) * -0.3)
    b2 = symopt.Variable("b2", np.zeros((1, classes)))
    logits = ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2)
    at = {X: rng.normal(size=(2, 4)), Y: np.eye(classes)[rng.integers(0, classes, 2)]}
    return symopt.derive(ops.softmax_cross_entropy(logits, Y), [W1, b1, W2, b2], at=at)


def _matrix_cost_at_points(columns: int):
    """A general matrix derivation at two points with a 3×``columns`` parameter (1301 px for 8: review F42c-9)."""
    import numpy as np
    from symopt import ops
    rng = np.random.default_rng(1)
    A = symopt.Placeholder("Apoints", shape=(None, 3))
    W = symopt.Variable("Weights", rng.normal(size=(3, columns)) * -0.37)
    return symopt.derive(ops.sum(ops.tanh(A @ W)) / 7, W, at={A: -rng.uniform(size=(2, 3))})


def _max_and_min_of_five():
    """Max/Min of five arguments at a tie: rows of 795 and 979 px before their too-wide terms were cut (45c-10)."""
    a, b, c = sympy.symbols("a b c", real=True)
    at = {a: 1.0, b: 1.0, c: 1.0}
    return [symopt.derive(sympy.Max(a, b, c, 2 * a - b, 1) ** 2, [a, b, c], at=at),
            symopt.derive(sympy.Min(a + b, b + c, a + c, 2 * a, 3) ** 2, [a, b, c], at=at)]


def _notebook(derivations) -> nbformat.NotebookNode:
    """One code cell per derivation, its output the derivation as a notebook saves it (text/latex)."""
    cells = []
    for count, derivation in enumerate(derivations, start=1):
        cell = nbformat.v4.new_code_cell("derivation", execution_count=count)
        cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=count,
                                               data={"text/latex": derivation._repr_latex_(),
                                                     "text/plain": repr(derivation)})]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


def test_long_derivations_are_over_mathjax_buffer():
    """The outputs are what the browser test must see: over MathJax's 5 KB buffer from 50 terms on."""
    sizes = [len(_sum_of_squares(terms)._repr_latex_()) for terms in TERMS]
    assert sizes[1] > 5 * 1024 and sizes[2] > 25 * 1024


def test_long_derivations_typeset_in_jupyterlab():
    pytest.importorskip("jupyterlab")
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium package (.ci/run installs it)")
    numbers = [_network_at_examples(8), _network_at_examples(10), _matrix_cost_at_points(8), _matrix_cost_at_points(10)]
    notebook = _notebook([_sum_of_squares(terms) for terms in TERMS] + [_least_squares(), _network_with_remarks()]
                         + numbers + _max_and_min_of_five())
    with tempfile.TemporaryDirectory(prefix="symopt-long-") as temporary:
        path = pathlib.Path(temporary) / "long_derivations.ipynb"
        nbformat.write(notebook, path)
        with jupyterlab([path]) as (url, _), sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page(viewport={"width": VIEWPORT_WIDTH, "height": 900})
                shown = open_notebook(page, url, path.name, len(notebook.cells))
            finally:
                browser.close()
    assert [len(cell) for cell in shown] == [1] * len(notebook.cells), "outputs missing in the page"
    names = [f"{terms}-term sum" for terms in TERMS] + ["12-point least squares", "softmax network",
                                                        "8 classes at=", "10 classes at=", "3×8 at=", "3×10 at=",
                                                        "max of five", "min of five"]
    for name, cell, [shown_output] in zip(names, notebook.cells, shown):
        check_output(cell.outputs[0], shown_output, name)
        # rows broken at line_breaks.WIDTH fit the output area: no sideways scrolling (probe59 P59-3)
        assert shown_output["scrollWidth"] <= shown_output["clientWidth"] + 1, \
            f"{name}: rows {shown_output['scrollWidth']} px wide in a {shown_output['clientWidth']} px output area"
