"""``tf.gather`` / ``tf.nn.embedding_lookup`` take TF1's index dtypes, int16, int32 and int64 (probe37 P37-6): uint8,
uint16 and int8 ids are TF1's ``TypeError`` when the graph is built ("Value passed to parameter 'indices' has DataType
uint8 not in list of allowed values: int16, int32, int64", TF 2.21's words), where symopt built and ran them.
Checked against TensorFlow 2.21's ``tf.compat.v1`` (fix37's /tmp/p6.py); TensorFlow is not needed here."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

LOOKUPS = {"gather": tf.gather, "embedding_lookup": tf.nn.embedding_lookup}


@pytest.mark.parametrize("lookup", sorted(LOOKUPS))
@pytest.mark.parametrize("dtype", ["uint8", "uint16", "int8", "float32"])
def test_other_index_dtypes_are_tf1s_type_error(lookup, dtype):
    table = tf.Variable(np.arange(12, dtype=np.float32).reshape(6, 2))
    ids = tf.placeholder(tf.as_dtype(dtype), [None])
    with pytest.raises(TypeError, match=f"DataType {dtype} not in list of allowed values: int16, int32, int64 .*"
                                        r"tf\.cast\(ids, tf\.int32\)"):
        LOOKUPS[lookup](table, ids)


@pytest.mark.parametrize("lookup", sorted(LOOKUPS))
@pytest.mark.parametrize("dtype", ["int16", "int32", "int64"])
def test_tf1s_index_dtypes_run(lookup, dtype):
    table = tf.Variable(np.arange(12, dtype=np.float32).reshape(6, 2))
    ids = tf.placeholder(tf.as_dtype(dtype), [None])
    rows = LOOKUPS[lookup](table, ids)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(rows, {ids: [1, 2]}), [[2.0, 3.0], [4.0, 5.0]])  # TF 2.21
