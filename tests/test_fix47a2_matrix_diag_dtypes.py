"""final47a2 47a2-1 / 47a2-12: tf.linalg.diag / tf.matrix_diag build TF's MatrixDiagV3, which takes every dtype
(bools, 8- and 16-bit integers); only tf.diag builds Diag, whose kernel refuses them, also of a shape-less
placeholder when the graph is built. Values and messages: TF 2.21 (tf.compat.v1, graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

DIAG_REFUSES = ("Value passed to parameter 'diagonal' has DataType bool not in list of allowed values: bfloat16, "
                "float16, float32, float64, int32, int64, complex64, complex128")


def _run(t):
    with tf.Session() as session:
        return session.run(t)


@pytest.mark.parametrize("make", [lambda v: tf.linalg.diag(v), lambda v: tf.matrix_diag(v)])
def test_matrix_diag_of_bools(make):
    tf.reset_default_graph()
    out = _run(make(tf.constant([True, False, True])))
    assert out.dtype == np.bool_  # TF 2.21: [[T, F, F], [F, F, F], [F, F, T]], bool
    np.testing.assert_array_equal(out, [[True, False, False], [False, False, False], [False, False, True]])


@pytest.mark.parametrize("dtype", [tf.int8, tf.int16, tf.uint8, tf.uint16])
def test_linalg_diag_of_small_integers(dtype):
    tf.reset_default_graph()
    out = _run(tf.linalg.diag(tf.constant([1, 2], dtype)))
    assert out.dtype == np.dtype(dtype.name)  # TF 2.21: [[1, 0], [0, 2]] of that dtype
    np.testing.assert_array_equal(out, [[1, 0], [0, 2]])


def test_diag_of_shapeless_bool_placeholder_refused_when_built():
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:  # TF 2.21 refuses at build
        tf.diag(tf.placeholder(tf.bool))
    assert str(error.value).startswith(DIAG_REFUSES)


DIAG_PART_REFUSES = ("Value passed to parameter 'input' has DataType {} not in list of allowed values: bfloat16, "
                     "float16, float32, float64, int32, int64, complex64, complex128")


@pytest.mark.parametrize("make, dtype", [(lambda: tf.constant([[True, False], [False, True]]), "bool"),
                                         (lambda: tf.constant([[1, 2], [3, 4]], tf.int8), "int8"),
                                         (lambda: tf.placeholder(tf.bool), "bool")])
def test_diag_part_refuses_what_its_kernel_lacks(make, dtype):
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:  # TF 2.21: DiagPart's TypeError, at build
        tf.diag_part(make())
    assert str(error.value).startswith(DIAG_PART_REFUSES.format(dtype))


def test_linalg_diag_part_of_bools_runs():
    tf.reset_default_graph()
    out = _run(tf.linalg.diag_part(tf.constant([[True, False], [False, True]])))
    np.testing.assert_array_equal(out, [True, True])  # TF 2.21: [True, True] (MatrixDiagPartV3)
