r"""The course's layer names of a recognised network, shared by ``derive`` and ``graph``.

``derive`` writes a network's values :math:`Z_1 = W_1 X + b_1`, :math:`A_1 = g(Z_1)`,
:math:`Z_2`, ...; ``graph`` of the same cost draws the same nodes under the same names
(``Z₁ = u + b₁·𝟙``, ``A₁ = tanh(Z₁)``), so a lecture's graph and derivation agree.
:func:`recognised` finds the network in a cost, also with penalty terms in its parameters
(:math:`J = \frac1m\sum L + \lambda\,\ldots`); :func:`layer_names` gives
``{prepared expression: name}`` for the layers' values that occur in the cost.
"""

from __future__ import annotations

import sympy

from ..symbols import MatrixVariable
from ..traversal import nodes_of_type
from .course_lines import layer_table
from .network import Network, recognise
from .penalty import penalty_terms, split_penalty
from .prepared import prepare

__all__ = ["recognised", "layer_names"]


def recognised(cost, symbols, prepared=None) -> tuple[Network, object, dict] | None:
    """``(network, penalty, {parameter: formula of ∂P/∂parameter})`` of ``cost`` for the parameters ``symbols``;
    ``penalty`` is None without one; None when ``cost`` is no recognised network.  ``prepared`` is
    ``prepare(cost)`` where the caller has it (preparing a deep network twice compares deep trees)."""
    network = recognise(prepare(cost) if prepared is None else prepared, symbols)
    if network is not None:
        return network, None, {}
    parts = split_penalty(cost, symbols)  # the course's L2 regularization: J = (1/m) Σ L + λ(...)
    network = None if parts is None else recognise(prepare(parts[0]), symbols)
    terms = None if network is None else penalty_terms(parts[1], network, symbols)
    if terms is None:
        return None
    return network, prepare(parts[1]), terms


def layer_names(cost) -> dict:
    """``{prepared expression: name}`` of a recognised network's values (``Z1``, ``A1``, ``Z2``, ...), the
    parameters being the cost's Variables; ``{}`` for any other cost."""
    cost = sympy.sympify(cost)
    parameters = sorted(nodes_of_type(cost, MatrixVariable), key=lambda symbol: str(symbol.name))
    found = recognised(cost, parameters) if parameters else None
    return {} if found is None else layer_table(found[0])
