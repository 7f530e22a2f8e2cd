"""final46a3 notes (f69a499e): ``tf.where(c, x, y)`` converts Select's inputs in order, so a Python or NumPy ``x``
takes its own dtype before ``y`` is seen.  TF 2.21 (tf.compat.v1, graph mode) raises ``TypeError: Input 'e' of 'Select'
Op has type float32 that does not match type float64 of argument 't'.`` for a float64 NumPy ``x`` (or ``int32`` for
an int list) with a float32 ``y``, also where ``y`` has no shape; it runs a float list, a float32 array, and a NumPy
``y`` after a tensor ``x``.  The values below are TF 2.21's for ``c = [True, False, True]``, ``y = [1, 2, 3]``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

REFUSED = {  # x, y's dtype, then the dtypes TF 2.21's message names
    "float64 array x": (np.array([0., 0, 0]), "float32", "float32", "float64"),
    "int list x": ([1, 2, 3], "float32", "float32", "int32"),
    "float list x, float64 y": ([0., 0, 0], "float64", "float64", "float32"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
@pytest.mark.parametrize("shaped", [True, False])
def test_x_of_another_dtype_is_tf1_type_error(case, shaped):
    tf.reset_default_graph()
    x, y_dtype, expected, given = REFUSED[case]
    c = tf.placeholder(tf.bool, [None] if shaped else None)
    y = tf.placeholder(getattr(tf, y_dtype), [None] if shaped else None)
    before = len(tf.get_default_graph().get_operations())
    with pytest.raises(TypeError, match=f"Input 'e' of 'Select' Op has type {expected} that does not match type "
                                        f"{given} of argument 't'") as caught:
        tf.where(c, x, y)
    message = str(caught.value)
    assert (f"x.astype(np.{y_dtype})" if isinstance(x, np.ndarray) else f"np.array([...], np.{y_dtype})") in message
    assert ("or a list of Python floats" in message) == (y_dtype == "float32" and isinstance(x, list))  # 47a2-9
    assert len(tf.get_default_graph().get_operations()) == before


ACCEPTED = {
    "float list x": (lambda c, y: tf.where(c, [0., 0, 0], y), [0., 2., 0.]),
    "float32 array x": (lambda c, y: tf.where(c, np.zeros(3, np.float32), y), [0., 2., 0.]),
    "float64 array y": (lambda c, y: tf.where(c, y, np.zeros(3)), [1., 0., 3.]),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_operands_tf1_converts_still_run(case):
    tf.reset_default_graph()
    c, y = tf.placeholder(tf.bool, [None]), tf.placeholder(tf.float32, [None])
    build, expected = ACCEPTED[case]
    with tf.Session() as session:
        value = session.run(build(c, y), {c: [True, False, True], y: [1., 2., 3.]})
    assert value.dtype == np.float32
    np.testing.assert_array_equal(value, expected)
