"""``None`` (the ``None`` gradient of a variable the loss does not use) as an operand is TF1's
``ValueError: None values not supported.`` when the op is made (probe13 W1: it was a NaN constant, so
``tf.assign_sub(b, gb)`` made ``b`` NaN; W2: ``tf.clip_by_value(None, ...)`` said "only a single string is
supported").  Messages from TF 2.21 tf.compat.v1 (graph mode)."""

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import NoneValueError


def test_none_operands_are_tf1s_value_error_before_anything_changes():
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0])
    b = tf.Variable(0.5)
    x = tf.placeholder(tf.float32, [None, 3])
    gw, gb = tf.gradients(tf.reduce_sum(tf.square(w)), [w, b])
    assert gb is None
    builds = {
        "Tried to convert 'value'": [lambda: tf.assign_sub(b, gb), lambda: tf.assign_add(b, None),
                                     lambda: tf.assign(b, None), lambda: b.assign(gb),  # they stored NaN
                                     lambda: w.assign_sub(None), lambda: tf.assign_sub(w, gb)],  # said "rank"
        "Tried to convert 'y'": [lambda: b - gb, lambda: w * None, lambda: w / None, lambda: tf.subtract(b, None),
                                 lambda: w ** None],
        "Tried to convert 'x'": [lambda: None * w, lambda: tf.multiply(None, 2.0)],
        "None values not supported": [lambda: tf.maximum(w, None), lambda: tf.concat([w, None], 0),
                                      lambda: tf.stack([w, None]), lambda: tf.matmul(x, None),
                                      lambda: tf.clip_by_value(None, -1.0, 1.0), lambda: tf.clip_by_norm(None, 1.0),
                                      lambda: tf.square(None), lambda: tf.convert_to_tensor(None),
                                      lambda: tf.constant(None), lambda: tf.add_n([w, None]),
                                      lambda: tf.reduce_sum(None)],
    }
    for message, makers in builds.items():
        for make in makers:
            with pytest.raises(ValueError, match=message) as caught:
                make()
            assert isinstance(caught.value, NoneValueError) and "None values not supported." in str(caught.value)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    assert session.run(b) == 0.5


def test_the_classic_clipping_loop_names_the_none_gradient():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(tf.ones([3, 1]))
    tf.Variable(tf.ones([3, 1]))  # not used by the loss: its gradient is None
    loss = tf.reduce_sum(tf.matmul(x, W))
    grads = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss)
    with pytest.raises(ValueError, match="None values not supported.*if g is not None"):
        [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in grads]


def test_strings_decimals_and_complex_numbers_are_no_operands():
    """probe13 W8: ``x * "2"``, ``x * Decimal("0.1")``, ``x * 1j`` ran (``float()`` of them) where TF1 raises
    ``TypeError: Expected float32 passed to parameter 'y' of op 'Mul', got '2' of type 'str' instead.``"""
    from decimal import Decimal
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    for operand, kind in (("2", "str"), (Decimal("0.1"), "Decimal"), (1j, "complex"), (["1", "2"], "list")):
        with pytest.raises(TypeError, match=f"Expected float32, got .* of type '{kind}' instead"):
            x * operand
    assert tf.constant("2").dtype == tf.string  # a string constant is still one
