"""P59-5: the plain-text form a terminal IPython or a text export shows carries what the rich output shows.

Oracles: the update rule of gradient descent, θ ← θ - ηg, and the graph of J = w² at w = 3 (J = 9, dJ/dw = 6),
written by hand; a 60-step trace's Markdown with 50 rows says the 10 left out.
"""
import sympy
from IPython.core.formatters import PlainTextFormatter

import symopt
from symopt.display import graph, update_rule

PLAIN = PlainTextFormatter()


def test_an_update_rule_shows_its_rule_as_plain_text():
    shown = PLAIN(update_rule(symopt.GradientDescent(0.1)))
    assert shown.splitlines()[-1].strip() in ("θ ← θ - ηg", "θ ← θ - gη")  # TF1's kernel: var -= g*lr


def test_a_graph_shows_its_nodes_values_and_gradients_as_plain_text():
    w = sympy.Symbol("w")
    drawing = graph(w**2, at={w: 3})
    for shown in (PLAIN(drawing), drawing._repr_mimebundle_()["text/plain"]):
        assert "w = 3, dJ/dw = 6" in shown and "= 9" in shown


def test_a_cut_trace_markdown_says_how_many_steps_it_leaves_out():
    w = symopt.Variable("w", 0.0)
    trace = symopt.minimize(w**2 - 10 * w + 25, w, steps=60, trace=True, progress=False).trace
    markdown = trace._repr_markdown_()
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith("| step")]
    assert len(trace) - len(rows) == 10 and markdown.rstrip().endswith("10 more steps")
