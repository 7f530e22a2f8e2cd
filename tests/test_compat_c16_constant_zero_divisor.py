"""An integer ``//``, ``%`` or ``tf.truncatediv`` by a constant that holds a zero is TF1's ``InvalidArgumentError``
("Integer division by zero") when run, for every integer dtype, fed or constant dividend (probe18 G11, probe17 D4:
a constant vector divisor gave -2147483648 silently; ``x // 0`` the core library's message about SymPy's ``zoo``).

Literals marked "TF 2.21" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program (/tmp/c16/div.py of compat16's session; TF's truncatediv says ``InternalError``, symopt the documented
``InvalidArgumentError``, both ``tf.errors.OpError``); TensorFlow is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

DTYPES = ["int8", "uint8", "int16", "int32", "int64"]
OPS = {"floordiv": tf.floordiv, "floormod": tf.floormod, "truncatediv": tf.truncatediv}
#: op -> TF 2.21's value of the op of [7, 5] by [2, 3] (the same for every dtype).
QUOTIENTS = {"floordiv": [3, 1], "floormod": [1, 2], "truncatediv": [3, 1]}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", sorted(OPS))
def test_a_constant_divisor_holding_zero_is_tf1s_error_when_run(dtype, op):
    dtype = tf.as_dtype(dtype)
    x = tf.placeholder(dtype, [None])
    feed = {x: [7, 5]}
    divide = OPS[op]
    built = [divide(tf.constant([7, 5], dtype), tf.constant([2, 0], dtype)),  # built without an error, as TF1
             divide(x, tf.constant([2, 0], dtype)), divide(x, tf.constant(0, dtype))]
    with tf.Session() as sess:
        for quotient in built:
            with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
                sess.run(quotient, feed)
        assert sess.run(divide(x, tf.constant([2, 3], dtype)), feed).tolist() == QUOTIENTS[op]  # TF 2.21


def test_the_python_operators_by_a_zero_number_or_vector():
    x = tf.placeholder(tf.int32, [None])
    with tf.Session() as sess:
        for quotient in (x // 0, x % 0, tf.constant([7, -7]) // tf.constant([2, 0]),
                         tf.constant([7, -7]) % tf.constant([2, 0]), tf.constant(7) // tf.constant(0)):
            with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
                sess.run(quotient, {x: [7, -7]})
        assert sess.run(tf.constant([7, 5]) / tf.constant([2, 0])).tolist() == [3.5, float("inf")]  # TF 2.21
