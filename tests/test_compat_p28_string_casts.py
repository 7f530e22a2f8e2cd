"""``tf.cast`` between a string tensor and a number is TF1's ``UnimplementedError`` (probe28 P28-7).

``tf.cast(tf.constant("1.5"), tf.float32)`` was built, and running it died with a bare ``AttributeError:
'NoneType' object has no attribute 'args'`` inside the compiler.  TF 2.21's ``tf.compat.v1`` raises
``UnimplementedError`` (error code 12) ``Cast string to float is not supported`` when it runs; symopt raises it
when the cast is built, with the way out.  Messages quoted from TF 2.21 were printed by it in a separate
environment; TensorFlow is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("value, dtype, text", [("1.5", tf.float32, "Cast string to float is not supported"),
                                                ("1", tf.int32, "Cast string to int32 is not supported"),
                                                (1.5, tf.string, "Cast float to string is not supported")])
def test_a_cast_between_strings_and_numbers_is_tf1s_unimplemented_error(value, dtype, text):
    with pytest.raises(tf.errors.UnimplementedError, match=text) as caught:  # TF 2.21's words
        tf.cast(tf.constant(value), dtype)
    assert caught.value.error_code == tf.errors.UNIMPLEMENTED == 12


def test_the_advice_names_the_conversion():
    with pytest.raises(tf.errors.UnimplementedError, match=r"np\.asarray\(strings, np\.float32\)"):
        tf.to_float(tf.constant("2.5"))
