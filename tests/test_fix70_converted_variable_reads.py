"""F43b-3: ``tf.convert_to_tensor(v)``, ``tf.cast(v, v.dtype)`` and ``tf.add_n([v])`` are the variable's read
``v/read:0``, as TF1's conversion of a variable is (``_AsTensor``), so a feed of ``v/read:0`` reaches them.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode, ``disable_resource_variables()``) running final43b's ``cvt2.py`` and
``feeds.py`` case "3 cvt": ``[10.0, 20.0]`` with ``{v/read:0: [10, 20]}`` fed, alone or beside ``{v: [11, 21]}``.
"""

import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("convert", [tf.convert_to_tensor, lambda v: tf.cast(v, tf.float32),
                                     lambda v: tf.add_n([v])])
def test_a_fed_read_reaches_the_converted_variable(convert):
    v = tf.Variable([1.0, 2.0], name="v")
    read = tf.get_default_graph().get_tensor_by_name("v/read:0")
    converted = convert(v)
    assert converted.name == "v/read:0"
    session = tf.Session()
    session.run(v.initializer)
    assert session.run(converted, {read: [10.0, 20.0]}).tolist() == [10.0, 20.0]
    assert session.run(converted, {v: [11.0, 21.0], read: [10.0, 20.0]}).tolist() == [10.0, 20.0]
    assert session.run(converted).tolist() == [1.0, 2.0]
