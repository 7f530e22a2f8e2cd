"""``TensorShape.num_elements()`` is a Python int, as TF1's (probe22 H19; symopt gave ``Dimension(2)``).  TF 2.21
printed ``2``, ``1`` and ``None`` for these shapes."""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_num_elements_is_an_int():
    counts = [tf.constant([[1.0, 2.0]]).shape.num_elements(), tf.constant(1.0).shape.num_elements(),
              tf.placeholder(tf.float32, [None, 3]).shape.num_elements()]
    assert counts == [2, 1, None] and [type(c) for c in counts] == [int, int, type(None)]
