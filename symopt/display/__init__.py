"""Teaching display: derivations, computation graphs and update rules, as text, LaTeX, Markdown and SVG.

* :func:`derive` — the forward steps, the chain rule backward and the gradient, in the
  course's notation (``u = bc``, ``dJ/db = dJ/du · du/db = 3c``).
* :func:`graph` — the computation graph, labelled by values (``u = bc``) or by
  operations (``×``, ``+``, ``square``), as SVG, DOT or text.
* :func:`explain` — why a parameter's gradient is zero, vanishing or NaN at a point, and on which line.
* :func:`update_rule` — an optimizer's update rule as text and LaTeX.
"""

from .command import graph_command
from .derivation import Derivation, derive
from .explain import Explanation, explain
from .graph import Graph, graph
from .rules import UpdateRule, update_rule

__all__ = ["derive", "Derivation", "explain", "Explanation", "graph", "Graph", "update_rule", "UpdateRule", "graph_command"]
