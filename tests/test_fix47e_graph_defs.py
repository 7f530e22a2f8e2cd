"""P84-5: the parts of TF1's protobuf ``GraphDef`` that symopt's ``as_graph_def()`` lacks (HOML's ``show_graph`` /
``strip_consts`` read ``n.attr['value']`` and call ``SerializeToString``) are a typed error saying what the
GraphDef has, not a bare ``AttributeError``; ``hasattr`` stays usable, as the error is also an AttributeError."""

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import UnsupportedNameError


def _graph_def():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant([[1.0, 2.0]], name="X")
        tf.matmul(x, tf.Variable([[1.0], [2.0]], name="theta"), name="pred")
    return graph.as_graph_def()


@pytest.mark.parametrize("read", [lambda gd: gd.node[0].attr["value"], lambda gd: gd.SerializeToString(),
                                  lambda gd: gd.MergeFrom(gd)])
def test_a_protobuf_part_of_a_graph_def_is_a_typed_error_naming_what_it_has(read):
    with pytest.raises(UnsupportedNameError, match=r"not supported by symopt\.compat\.v1.*n\.name, n\.op and n\.input"):
        read(_graph_def())


def test_what_a_graph_def_has_stays_readable():
    graph_def = _graph_def()
    nodes = {n.name: (n.op, list(n.input)) for n in graph_def.node}
    assert nodes["X"] == ("Const", [])  # TF 2.21: X Const [], pred MatMul ['X', 'theta/read']
    assert nodes["pred"] == ("MatMul", ["X", "theta/read"])
    assert not hasattr(graph_def, "SerializeToString")


def test_other_protobuf_members_are_typed_and_typos_stay_python_errors():
    """final47e 47e-3: ``n.device`` and ``n.MergeFrom`` (HOML's strip_consts) were bare AttributeErrors, and
    ``gd.nodes`` (a typo of ``gd.node``) was called "not supported"."""
    import symopt.compat.v1 as tf
    from symopt.compat.v1.errors import UnsupportedNameError

    tf.reset_default_graph()
    tf.constant(1.0, name="a")
    graph_def = tf.get_default_graph().as_graph_def()
    node = graph_def.node[0]
    for member in ("device", "MergeFrom", "CopyFrom"):
        with pytest.raises(UnsupportedNameError, match=f"NodeDef.{member}"):
            getattr(node, member)
    for typo, owner in ((lambda: graph_def.nodes, "GraphDef"), (lambda: node.nmae, "NodeDef")):
        with pytest.raises(AttributeError, match=f"'{owner}' object has no attribute") as raised:
            typo()
        assert not isinstance(raised.value, UnsupportedNameError)
