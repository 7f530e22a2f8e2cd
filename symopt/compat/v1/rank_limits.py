"""What symopt.compat.v1 says where a program would make a rank-3 tensor (it computes with ranks up to 2): the
matrix forms of the rank-3 idioms TF1 programs write, so a refusal says what to do (probe15 Y9)."""

from __future__ import annotations

from ...errors import UnsupportedOperationError

__all__ = ["RANK3_ADVICE", "rank3_refusal"]

#: The matrix forms of the pairwise-distance idiom of k-means, k-NN and RBF kernels,
#: ``reduce_sum(square(expand_dims(P, 0) - expand_dims(C, 1)), 2)``; both give TF1's numbers
#: (tests/test_compat_c14_rank3_advice.py).
RANK3_ADVICE = (
    "keep the data as matrices: the pairwise squared distances of k-means / k-NN / RBF kernels, "
    "reduce_sum(square(expand_dims(P, 0) - expand_dims(C, 1)), 2), are "
    "tf.reduce_sum(tf.square(C), 1, keepdims=True) - 2 * tf.matmul(C, P, transpose_b=True) "
    "+ tf.transpose(tf.reduce_sum(tf.square(P), 1, keepdims=True)), or "
    "tf.stack([tf.reduce_sum(tf.square(P - C[k]), 1) for k in range(K)]) (one row per centroid)")


def rank3_refusal(what: str) -> UnsupportedOperationError:
    """The refusal of ``what`` (the op and the rank it would make) with :data:`RANK3_ADVICE`."""
    return UnsupportedOperationError(f"{what}, which symopt.compat.v1 does not support (ranks up to 2); "
                                     f"{RANK3_ADVICE}")
