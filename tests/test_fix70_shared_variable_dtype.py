"""P70-2: ``tf.get_variable`` under reuse without ``dtype=`` compares the scope's dtype (float32 unless set) with
the shared variable's, as TF1 does.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode): each refused case below raised
``ValueError: Trying to share variable foo/q, but specified dtype float32 and found dtype float64.`` (``foo/c`` and
``int32`` for the counter), and the scope of dtype float64 reused ``foo/q:0``.
"""

import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_omitted_dtype_is_float32_against_a_float64_variable():
    with tf.variable_scope("foo"):
        tf.get_variable("q", [2, 2], dtype=tf.float64)
    with tf.variable_scope("foo", reuse=True), pytest.raises(
            ValueError, match=r"Trying to share variable foo/q, but specified dtype float32 and found dtype float64\."
    ) as info:
        tf.get_variable("q", [2, 2])
    assert "dtype=tf.float64" in str(info.value)


@pytest.mark.parametrize("reuse", [True, tf.AUTO_REUSE])
def test_an_int32_counter_is_not_shared_as_float32(reuse):
    with tf.variable_scope("foo"):
        tf.get_variable("c", initializer=0)
    with tf.variable_scope("foo", reuse=reuse), pytest.raises(
            ValueError, match="specified dtype float32 and found dtype int32"):
        tf.get_variable("c", initializer=0)


def test_the_scope_dtype_shares_its_own_variables():
    with tf.variable_scope("foo", dtype=tf.float64):
        created = tf.get_variable("q", [2])
    with tf.variable_scope("foo", reuse=True, dtype=tf.float64):
        assert tf.get_variable("q", [2]) is created
    with tf.variable_scope("foo", reuse=True), pytest.raises(ValueError, match="specified dtype float32"):
        tf.get_variable("q", [2])
