"""probe86 P86-8: ``tf.where(s, x, y)`` with a scalar condition ``s`` and operands of lengths [3] and [None] (a list
or array beside a ``[None]`` placeholder, either way round) chooses the whole of ``x`` or of ``y``, of TF1's static
shape [3]; symopt raised a ShapeError about "a mask of shape (3, 1)".  Values: TF 2.21 (tf.compat.v1, graph mode),
p fed [0.1, 0.2, 0.3]."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

KNOWN = [1.5, -2.0, 3.0]
FED = np.float32([0.1, 0.2, 0.3])
CASES = {
    "s, list, p": (lambda p, s: tf.where(s, KNOWN, p), KNOWN, FED),
    "s, p, list": (lambda p, s: tf.where(s, p, KNOWN), FED, KNOWN),
    "s, float32 array, p": (lambda p, s: tf.where(s, np.float32(KNOWN), p), KNOWN, FED),
    "s, p, float32 array": (lambda p, s: tf.where(s, p, np.float32(KNOWN)), FED, KNOWN),
    "c[0], list, p": (lambda p, s: tf.where(tf.reshape(s, [1])[0], KNOWN, p), KNOWN, FED),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("chosen", [True, False])
def test_scalar_condition_chooses_a_whole_operand(case, chosen):
    tf.reset_default_graph()
    p, s = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.bool, [])
    build, when_true, when_false = CASES[case]
    selected = build(p, s)
    assert selected.shape.as_list() == [3]
    with tf.Session() as session:
        value = session.run(selected, {p: FED, s: chosen})
    np.testing.assert_array_equal(value, np.float32(when_true if chosen else when_false))


def test_a_fed_length_that_differs_is_refused_when_run():
    # TF 2.21: InvalidArgumentError "'then' and 'else' must have the same size" for p fed 2 values
    tf.reset_default_graph()
    p, s = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.bool, [])
    selected = tf.where(s, KNOWN, p)
    with tf.Session() as session, pytest.raises(tf.errors.InvalidArgumentError):
        session.run(selected, {p: FED[:2], s: True})
