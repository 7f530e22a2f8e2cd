"""TF1's collections of variables in the default graph: ``tf.global_variables()``, ``tf.trainable_variables()``,
``tf.local_variables()``, ``tf.model_variables()`` (and TF1's older name ``all_variables``), and a variable made with ``collections=``
joining them."""

from __future__ import annotations

from .graph import get_default_graph

__all__ = ["global_variables", "all_variables", "trainable_variables", "local_variables", "model_variables",
           "join_collections"]


def global_variables(scope=None) -> list:
    """The default graph's variables and its optimizers' slot variables (``beta1_power:0``, ``w/Adam:0``), in
    creation order, as TF1's ``GLOBAL_VARIABLES`` collection (with ``scope``, those whose name the regular
    expression matches at its start, as :meth:`Graph.get_collection`)."""
    return get_default_graph().get_collection("variables", scope)


def all_variables() -> list:
    """TF1's older name of :func:`global_variables`."""
    return global_variables()


def trainable_variables(scope=None) -> list:
    """The default graph's trainable variables (``scope`` as in :func:`global_variables`)."""
    return get_default_graph().get_collection("trainable_variables", scope)


def local_variables(scope=None) -> list:
    """The default graph's local variables (``tf.metrics``' totals and counts), ``scope`` as in
    :func:`global_variables`."""
    return get_default_graph().get_collection("local_variables", scope)


def model_variables(scope=None) -> list:
    """The default graph's model variables (``tf.contrib.layers``' weights and biases), ``scope`` as in
    :func:`global_variables` (final46a 46a-13)."""
    return get_default_graph().get_collection("model_variables", scope)


def join_collections(variable, graph, collections: list) -> None:
    """TF1's ``collections=``: the variable joins those collections; one left out of ``GLOBAL_VARIABLES``
    (``[tf.GraphKeys.LOCAL_VARIABLES]``) is not a global variable (not set by ``global_variables_initializer``, not
    saved by a default ``Saver``; ``local_variables_initializer`` sets a local one)."""
    if "variables" not in collections:
        graph.variables.remove(variable)
    for name in dict.fromkeys(collections):
        if name not in ("variables", "trainable_variables"):  # those two are computed from the graph's variables
            graph.add_to_collection(name, variable)
