"""F42c-6, F42c-4: an update rule or graph inside a list or dict prints its one-line repr (its own lines would run
into the container's commas); a graph of a network too deep to print as one formula still has a repr and HTML.

Oracle: IPython's own pretty printer of the containers, and the expected lines written by hand.
"""
import base64
import re

import numpy as np
import sympy
from IPython.lib.pretty import pretty

import symopt
from symopt import ops
from symopt.display import graph, update_rule


def test_a_dict_of_update_rules_prints_one_line_per_rule():
    rules = {"GD": update_rule(symopt.GradientDescent(0.1)),
             "Momentum": update_rule(symopt.Momentum(0.1, 0.9))}
    assert pretty(rules) == ("{'GD': <UpdateRule of GradientDescent(lr=0.1)>,\n"
                             " 'Momentum': <UpdateRule of Momentum(lr=0.1, momentum=0.9)>}")


def test_a_list_of_a_graph_and_a_rule_prints_their_reprs():
    w = sympy.Symbol("w")
    shown = pretty([graph(w**2, at={w: 1}), update_rule(symopt.GradientDescent(0.1))])
    assert shown == "[<Graph of w², style='values'>, <UpdateRule of GradientDescent(lr=0.1)>]"


def test_a_rule_shown_alone_prints_its_lines():
    assert pretty(update_rule(symopt.GradientDescent(0.1))) == "GradientDescent: η = 0.1\n  θ ← θ - gη"


def deep_network_graph(layers: int):
    hidden = symopt.Placeholder("X", (None, 2))
    for layer in range(layers):
        hidden = ops.tanh(hidden @ symopt.Variable(f"W{layer}", np.eye(2)))
    return graph(ops.sum(hidden))


def test_a_graph_of_150_layers_has_a_repr_and_the_notebook_html():
    drawing = deep_network_graph(150)
    assert repr(drawing).startswith("<Graph of J")
    bundle = drawing._repr_mimebundle_()
    for page in (bundle["text/html"], drawing.html()):
        encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)
        assert base64.b64decode(encoded).decode("utf-8") == drawing.svg()
    assert pretty(drawing) == str(drawing)
