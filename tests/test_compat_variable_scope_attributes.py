"""``VariableScope`` attributes as TF1's (probe11 U19): ``original_name_scope`` (TF1's own docstring example puts ops
back into a scope's name scope with it), ``reuse`` False and ``dtype`` tf.float32 when not set, the attributes TF1
leaves None; unknown ones are typed refusals; ``variable_scope(custom_getter=...)`` is refused, not ignored;
``Graph.as_graph_element`` of a tensor and ``Graph.collections``.  Goldens from TF 2.21 tf.compat.v1 (graph mode)."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_variable_scope_attributes_are_tf1s():
    tf.reset_default_graph()
    with tf.variable_scope("foo") as vs:
        pass
    with tf.variable_scope(vs, auxiliary_name_scope=False) as vs1:
        with tf.name_scope(vs1.original_name_scope):
            v = tf.get_variable("v", [1])
            c = tf.constant([1], name="c")
    assert (v.name, c.name) == ("foo/v:0", "foo/c:0")
    assert (vs.reuse, vs.dtype, vs.name, vs.original_name_scope) == (False, tf.float32, "foo", "foo/")
    assert [vs.caching_device, vs.partitioner, vs.custom_getter, vs.use_resource, vs.constraint, vs.initializer,
            vs.regularizer] == [None] * 7
    with tf.variable_scope("bar", reuse=True) as vb:
        with tf.variable_scope("inner") as vi:
            assert (vb.reuse, vb.original_name_scope, vi.reuse, vi.original_name_scope) == \
                (True, "bar/", True, "bar/inner/")
    with tf.variable_scope("bar") as again:
        assert (again.original_name_scope, tf.get_variable_scope().reuse) == ("bar_1/", False)
    with tf.variable_scope("d", dtype=tf.float64) as vd:
        assert vd.dtype == tf.float64
    root = tf.get_variable_scope()
    assert (root.reuse, root.dtype, root.original_name_scope) == (False, tf.float32, "")
    with tf.name_scope("outer"):
        with tf.variable_scope("s", auxiliary_name_scope=False) as s:
            inside = tf.constant(1.0, name="c")
            w = tf.get_variable("w", [1])
    assert (s.original_name_scope, inside.name, w.name) == ("outer/", "outer/c:0", "s/w:0")
    with pytest.raises(AttributeError, match="tf.VariableScope.nonexistent is not supported"):
        vs.nonexistent


def test_variable_scope_refuses_what_it_would_ignore():
    tf.reset_default_graph()
    with pytest.raises(UnsupportedOperationError, match=r"tf.variable_scope\(custom_getter=...\) is not supported"):
        tf.variable_scope("p", custom_getter=lambda getter, *args, **kwargs: getter(*args, **kwargs))
    assert tf.get_variable_scope().name == ""


def test_graph_as_graph_element_and_collections():
    tf.reset_default_graph()
    c = tf.constant(1.0)
    tf.Variable(1.0)
    graph = tf.get_default_graph()
    assert graph.as_graph_element(c) is c and graph.as_graph_element("Const:0") is not None
    assert graph.collections == ["trainable_variables", "variables"]
    with pytest.raises(ValueError, match="is not an element of this graph"):
        tf.Graph().as_graph_element(c)
