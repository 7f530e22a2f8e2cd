"""probe15 Y9 (compat14, lead patch to shape_ops.py, concat_ops.py, slicing.py): each rank-3 refusal says what to do
(the matrix forms of pairwise distances, symopt.compat.v1.rank_limits.RANK3_ADVICE)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.rank_limits import RANK3_ADVICE
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("build", [lambda P: tf.expand_dims(P, 0), lambda P: tf.stack([P, P]),
                                   lambda P: P[:, tf.newaxis, :]])
def test_each_rank3_refusal_names_the_matrix_forms(build):
    points = tf.constant(np.float32([[0., 0.], [3., 4.], [1., 1.]]))
    with pytest.raises(UnsupportedOperationError, match=r"makes a rank-3 tensor, which symopt\.compat\.v1 does not "
                                                        r"support \(ranks up to 2\); keep the data as matrices") as e:
        build(points)
    assert str(e.value).endswith(RANK3_ADVICE)
