"""final45e 45e-11: ``None`` where a cost or an expression is expected (a deferred compat tensor's ``.expr``, a
function that forgot its ``return``) was drawn as ``<Graph of None>``, explained as "the cost does not depend on it"
(a false claim about a cost that was never given) and crashed ``evaluate`` with a bare AttributeError.  It is now the
ConfigurationError ``derive`` and ``minimize`` already gave, with what to do."""

from __future__ import annotations

import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w_mine46_none", 1.0)

CALLS = {
    "graph": lambda: symopt.graph(None),
    "explain": lambda: symopt.explain(None, w),
    "evaluate": lambda: symopt.evaluate(None, {w: 1.0}),
    "derive": lambda: symopt.derive(None, w),
    "minimize": lambda: symopt.minimize(None, w, steps=1),
}


@pytest.mark.parametrize("name", CALLS)
def test_none_is_refused_as_no_expression(name):
    with pytest.raises(ConfigurationError, match="built from SymPy or symopt symbols; given None"):
        CALLS[name]()


def test_the_message_says_what_to_do_about_a_deferred_tensor():
    import symopt.compat.v1 as tf
    with tf.Graph().as_default():
        fed = tf.placeholder(tf.float32, [None, None])
        assert fed.expr is None  # the deferred placeholder: the case the message names
    with pytest.raises(ConfigurationError) as caught:
        symopt.graph(fed.expr)
    assert "declare the placeholder's shape with at most one None" in str(caught.value)


def test_an_expression_is_named_with_its_article():
    with pytest.raises(ConfigurationError, match="expected an expression built from"):
        symopt.evaluate(object(), {w: 1.0})
