"""``tf.tile``, ``split``, ``unstack``, ``matrix_transpose``, ``fill``, ``linspace``, ``diag``, ``cumsum``: TF1's
names, shapes, values, gradients and errors.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

W0 = np.arange(6, dtype=np.float32).reshape(2, 3) / 4 - 0.5
FEED_X = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


def program():
    """The program run under TF 2.21, op for op (its printed outputs are the literals below)."""
    W = tf.Variable(W0)
    v = tf.Variable([1.0, -2.0, 3.0])
    X = tf.placeholder(tf.float32, [None, 3])
    groups = {
        "tile": [tf.tile(W, [2, 3]), tf.tile(v, [2]), tf.tile(X, [1, 2]), tf.tile(W, [1, 1])],
        "split": tf.split(W, 3, axis=1) + tf.split(v, [1, 2]) + tf.split(X, [2, -1], 1) + tf.split(W, 2),
        "unstack": tf.unstack(W) + tf.unstack(W, axis=1) + tf.unstack(v),
        "transpose": [tf.matrix_transpose(W), tf.linalg.matrix_transpose(X)],
        "fill": [tf.fill([2, 3], 9), tf.fill([3], 0.5), tf.fill([2, 2], tf.reduce_sum(v))],
        "linspace": [tf.linspace(0.0, 1.0, 7), tf.lin_space(-1.0, 2.0, 4),
                     tf.linspace(tf.constant(1.0, tf.float64), 3.0, 5), tf.linspace(0.1, 0.7, 1)],
        "diag": [tf.diag(v), tf.linalg.diag(v)],
        "cumsum": [tf.cumsum(v), tf.cumsum(v, exclusive=True), tf.cumsum(v, reverse=True),
                   tf.cumsum(v, exclusive=True, reverse=True), tf.cumsum(W, axis=1), tf.cumsum(W, axis=0, reverse=True),
                   tf.cumsum(X, axis=1), tf.cumsum(tf.constant([1, 2, 3]))],
    }
    return W, v, X, groups


NAMES = {  # TF 2.21 compat.v1: str() of each tensor
    "tile": ['Tile:0", shape=(4, 9)', 'Tile_1:0", shape=(6,)', 'Tile_2:0", shape=(?, 6)', 'Tile_3:0", shape=(2, 3)'],
    "split": ['split:0", shape=(2, 1)', 'split:1", shape=(2, 1)', 'split:2", shape=(2, 1)', 'split_1:0", shape=(1,)',
              'split_1:1", shape=(2,)', 'split_2:0", shape=(?, 2)', 'split_2:1", shape=(?, 1)',
              'split_3:0", shape=(1, 3)', 'split_3:1", shape=(1, 3)'],
    "unstack": ['unstack:0", shape=(3,)', 'unstack:1", shape=(3,)', 'unstack_1:0", shape=(2,)',
                'unstack_1:1", shape=(2,)', 'unstack_1:2", shape=(2,)', 'unstack_2:0", shape=()',
                'unstack_2:1", shape=()', 'unstack_2:2", shape=()'],
    "transpose": ['matrix_transpose/transpose:0", shape=(3, 2)', 'matrix_transpose_1/transpose:0", shape=(3, ?)'],
    "fill": ['Fill:0", shape=(2, 3), dtype=int32', 'Fill_1:0", shape=(3,)', 'Fill_2:0", shape=(2, 2)'],
    "linspace": ['linspace/Slice:0", shape=(7,)', 'linspace_1/Slice:0", shape=(4,)',
                 'linspace_2/Slice:0", shape=(5,), dtype=float64', 'linspace_3/Slice:0", shape=(1,)'],
    "diag": ['Diag:0", shape=(3, 3)', 'diag_1:0", shape=(3, 3)'],
    "cumsum": ['Cumsum:0", shape=(3,)', 'Cumsum_1:0", shape=(3,)', 'Cumsum_2:0", shape=(3,)', 'Cumsum_3:0", shape=(3,)',
               'Cumsum_4:0", shape=(2, 3)', 'Cumsum_5:0", shape=(2, 3)', 'Cumsum_6:0", shape=(?, 3)',
               'Cumsum_7:0", shape=(3,), dtype=int32'],
}


def test_names_and_static_shapes_are_tf1s():
    _, _, _, groups = program()
    for group, tensors in groups.items():
        expected = [f'Tensor("{text}' + ("" if "dtype" in text else ", dtype=float32") + ")" for text in NAMES[group]]
        assert [str(t) for t in tensors] == expected, group


def test_values_are_tf1s():
    W, v, X, groups = program()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(groups, {X: FEED_X})
    w, x, vec = W0, np.array(FEED_X, np.float32), np.array([1.0, -2.0, 3.0], np.float32)
    tile, split, unstack = values["tile"], values["split"], values["unstack"]
    np.testing.assert_array_equal(tile[0], np.tile(w, [2, 3]))  # TF 2.21 compat.v1
    np.testing.assert_array_equal(tile[1], np.tile(vec, 2))
    np.testing.assert_array_equal(tile[2], np.tile(x, [1, 2]))
    np.testing.assert_array_equal(tile[3], w)
    for piece, expected in zip(split, [w[:, :1], w[:, 1:2], w[:, 2:], vec[:1], vec[1:], x[:, :2], x[:, 2:], w[:1],
                                       w[1:]]):
        np.testing.assert_array_equal(piece, expected)
    for piece, expected in zip(unstack, [w[0], w[1], w[:, 0], w[:, 1], w[:, 2], 1.0, -2.0, 3.0]):
        np.testing.assert_array_equal(piece, expected)
    assert unstack[5].shape == () and unstack[5].dtype == np.float32
    np.testing.assert_array_equal(values["transpose"][0], w.T)
    np.testing.assert_array_equal(values["transpose"][1], x.T)
    fill = values["fill"]
    assert fill[0].tolist() == [[9] * 3] * 2 and fill[0].dtype == np.int32  # TF 2.21 compat.v1
    assert fill[1].tolist() == [0.5] * 3 and fill[2].tolist() == [[2.0, 2.0]] * 2
    linspace = values["linspace"]
    np.testing.assert_array_equal(linspace[0], np.array([0.0, 0.16666667, 0.33333334, 0.5, 0.6666667, 0.8333334, 1.0],
                                                        np.float32))  # TF 2.21 compat.v1
    assert linspace[1].tolist() == [-1, 0, 1, 2] and linspace[2].tolist() == [1, 1.5, 2, 2.5, 3]
    assert linspace[2].dtype == np.float64 and linspace[3].tolist() == [np.float32(0.1)]
    for matrix in values["diag"]:
        assert matrix.tolist() == [[1, 0, 0], [0, -2, 0], [0, 0, 3]]
        assert not np.signbit(matrix[~np.eye(3, dtype=bool)]).any()  # TF 2.21: +0.0 off the diagonal, not -0.0
    cumsum = values["cumsum"]
    expected = [[1, -1, 2], [0, 1, -1], [2, 1, 3], [1, 3, 0], [[-0.5, -0.75, -0.75], [0.25, 0.75, 1.5]],
                [[-0.25, 0.25, 0.75], [0.25, 0.5, 0.75]], [[1, 3, 6], [4, 9, 15]], [1, 3, 6]]  # TF 2.21 compat.v1
    for value, want in zip(cumsum, expected):
        np.testing.assert_array_equal(value, want)
    assert cumsum[7].dtype == np.int32


def test_gradients_flow_through_every_op_as_tf1s():
    W, v, X, groups = program()
    t, sp, us, mt, fi, _, dg, cs = groups.values()
    loss = (tf.reduce_sum(t[0] * t[0]) + tf.reduce_sum(t[1] * tf.range(6.0)) + tf.reduce_sum(sp[0] * 3.0)
            + tf.reduce_sum(sp[4] ** 2) + tf.reduce_sum(us[0] * us[1]) + tf.reduce_sum(us[4] * us[2]) + us[5] * us[7]
            + tf.reduce_sum(mt[0] * tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])) + tf.reduce_sum(fi[2] * 2.0)
            + tf.reduce_sum(dg[0] * tf.reshape(tf.range(9.0), [3, 3])) + tf.reduce_sum(cs[1] * cs[2])
            + tf.reduce_sum(cs[4] ** 2) + tf.reduce_sum(cs[5] * tf.constant([[1.0, 0.0, 2.0], [0.5, 1.0, 1.5]])))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, grad_w, grad_v = sess.run([loss, *tf.gradients(loss, [W, v])])
    assert value == np.float32(79.3125)  # TF 2.21 compat.v1
    np.testing.assert_allclose(grad_w, [[-4.75, -2.5, 5.75], [14.75, 15.25, 21.75]], rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_allclose(grad_v, [18.0, 17.0, 30.0], rtol=1e-6)  # TF 2.21 compat.v1


def test_linspace_digits_are_tf1s_kernel():
    values = tf.Session().run(tf.linspace(-3.3, 7.1, 11))
    np.testing.assert_array_equal(values, np.array(  # TF 2.21 compat.v1
        [-3.3, -2.26, -1.22, -0.18000007, 0.8599999, 1.8999999, 2.9399998, 3.9799998, 5.0199995, 6.0599995, 7.1],
        np.float32))


def test_split_pieces_take_a_fed_input_and_fill_takes_a_batch_shape():
    W = tf.Variable(W0)
    X = tf.placeholder(tf.float32, [None, 3])
    doubled = W * 2.0
    first, rest = tf.split(doubled, [1, 2], axis=1)
    filled = tf.fill(tf.shape(X), 2.5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a, b = sess.run([first, rest], {doubled: np.ones((2, 3))})  # TF 2.21 compat.v1: the fed value is split
        assert a.tolist() == [[1.0], [1.0]] and b.tolist() == [[1.0, 1.0], [1.0, 1.0]]
        assert sess.run(filled, {X: np.zeros((2, 3))}).tolist() == [[2.5] * 3] * 2


def test_errors_are_tf1s_or_say_what_is_unsupported():
    W = tf.Variable(W0)
    v = tf.Variable([1.0, -2.0, 3.0])
    X = tf.placeholder(tf.float32, [None, 3])
    cases = [  # TF 2.21 compat.v1's messages begin so
        (lambda: tf.split(W, 2, axis=1), ValueError, "Dimension size must be evenly divisible by 2 but is 3"),
        (lambda: tf.tile(W, [2]), ValueError, "Shape must be rank 2 but is rank 1 for 'Tile'"),
        (lambda: tf.unstack(X), ValueError, r"Cannot infer argument `num` from shape \(\?, 3\)"),
        (lambda: tf.matrix_transpose(v), ValueError, "Argument `a` should be a \\(batch\\) matrix with rank >= 2"),
        (lambda: tf.unstack(W, num=3), ValueError, "Dimension must be 3 but is 2 for 'unstack'"),
        (lambda: tf.split(W, [2, 2], axis=1), ValueError, r"can't split axis of size 3 into pieces of size \[2,2\]"),
        (lambda: tf.fill([2], v), ValueError, "Shape must be rank 0 but is rank 1 for 'Fill'"),
        (lambda: tf.tile(X, [2, 1]), UnsupportedOperationError, "batch size"),
        (lambda: tf.cumsum(X, axis=0), UnsupportedOperationError, "batch dimension"),
        (lambda: tf.diag(W), UnsupportedOperationError, "vector only"),
        (lambda: tf.linspace(v[0], 1.0, 3), UnsupportedOperationError, "constant scalars"),
        (lambda: tf.split(tf.placeholder(tf.float32), 2), UnsupportedOperationError, "give the placeholder a shape"),
    ]
    for make, error, message in cases:
        with pytest.raises(error, match=message):
            make()


def test_diagonal_parts_and_traces_as_tf1():
    M = tf.Variable([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0], [-7.0, 8.0, 9.0]])
    v = tf.Variable([1.0, -2.0])
    tensors = [tf.diag_part(M), tf.matrix_diag_part(M), tf.linalg.diag_part(M), tf.trace(M), tf.linalg.trace(M),
               tf.matrix_diag(v), tf.linalg.tensor_diag_part(M)]
    assert [t.name for t in tensors] == ["DiagPart:0", "diag_part:0", "diag_part_1:0", "Trace:0", "Trace_1:0",
                                         "diag:0", "DiagPart_1:0"]  # TF 2.21 compat.v1
    loss = (tf.reduce_sum(tensors[0] * [1.0, 2.0, 3.0]) + tensors[3] * 2.0
            + tf.reduce_sum(tensors[5] * [[1.0, 2.0], [3.0, 4.0]]))
    wide = tf.matrix_diag_part(tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    tall = tf.matrix_diag_part(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(tensors)
        grad_m, grad_v = sess.run(tf.gradients(loss, [M, v]))
        assert sess.run(wide).tolist() == [1.0, 5.0] and sess.run(tall).tolist() == [1.0, 4.0]
    for value in values[:3] + values[6:]:
        assert value.tolist() == [1.0, 5.0, 9.0]  # TF 2.21 compat.v1
    assert values[3] == values[4] == 15.0 and values[5].tolist() == [[1.0, 0.0], [0.0, -2.0]]
    assert grad_m.tolist() == [[3, 0, 0], [0, 4, 0], [0, 0, 5]] and grad_v.tolist() == [1.0, 4.0]  # TF 2.21
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 1 and 3"):  # TF 2.21 compat.v1
        tf.diag_part(tf.constant([[1.0, 2.0, 3.0]]))
    with pytest.raises(ValueError, match="Shape must be at least rank 2 but is rank 1"):  # TF 2.21 compat.v1
        tf.trace(tf.constant([1.0, 2.0]))


def test_reverse_and_pad_as_tf1():
    W = tf.Variable([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
    v = tf.Variable([1.0, -2.0, 3.0])
    X = tf.placeholder(tf.float32, [None, 3])
    t = [tf.reverse(W, [0]), tf.reverse(W, [1]), tf.reverse(W, [0, 1]), tf.reverse(v, [0]), tf.reverse_v2(X, [-1]),
         tf.pad(W, [[1, 0], [2, 1]]), tf.pad(v, [[2, 1]], constant_values=7.0), tf.pad(X, [[0, 0], [1, 1]]),
         tf.pad(tf.constant([[1, 2]]), [[1, 1], [0, 0]])]
    assert [x.name for x in t] == ["ReverseV2:0", "ReverseV2_1:0", "ReverseV2_2:0", "ReverseV2_3:0", "ReverseV2_4:0",
                                   "Pad:0", "PadV2:0", "Pad_1:0", "Pad_2:0"]  # TF 2.21 compat.v1
    assert [x.shape.as_list() for x in t[5:]] == [[3, 6], [6], [None, 5], [3, 2]]
    loss = (sum(tf.reduce_sum(x * x) for x in t[:4]) + tf.reduce_sum(t[5] * tf.reshape(tf.range(18.0), [3, 6]))
            + tf.reduce_sum(t[6] * tf.range(6.0)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(t, {X: [[1.0, 2.0, 3.0]]})
        value, grad_w, grad_v = sess.run([loss, *tf.gradients(loss, [W, v])])
    w = np.array([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
    for got, want in zip(values[:5], [w[::-1], w[:, ::-1], w[::-1, ::-1], [3.0, -2.0, 1.0], [[3.0, 2.0, 1.0]]]):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(values[5], np.pad(w, [[1, 0], [2, 1]]))  # TF 2.21 compat.v1
    assert np.signbit(values[5]).sum() == 3  # the border is +0.0: only -2, -4 and -6 have a sign bit
    assert values[6].tolist() == [7, 7, 1, -2, 3, 7] and values[7].tolist() == [[0, 1, 2, 3, 0]]
    assert values[8].tolist() == [[0, 0], [1, 2], [0, 0]] and values[8].dtype == np.int32
    assert value == 280.0  # TF 2.21 compat.v1
    assert grad_w.tolist() == [[14, -3, 28], [-10, 45, -20]] and grad_v.tolist() == [4, -1, 10]  # TF 2.21 compat.v1
    with pytest.raises(ValueError, match=r"'axis'\[0\] = 2 is out of valid range \[0, 1"):  # TF 2.21 compat.v1
        tf.reverse(W, [2])
    with pytest.raises(UnsupportedOperationError, match="REFLECT"):
        tf.pad(W, [[1, 0], [0, 0]], mode="REFLECT")
    with pytest.raises(UnsupportedOperationError, match="batch size"):
        tf.pad(X, [[1, 0], [0, 0]])


def test_sequence_mask_as_tf1():
    lengths = tf.placeholder(tf.int32, [None])
    masks = [tf.sequence_mask(lengths, 5), tf.sequence_mask([1, 3, 0], 4, dtype=tf.float32),
             tf.sequence_mask(tf.constant([2, 1])), tf.sequence_mask(3, 5)]
    assert [str(m) for m in masks] == [  # TF 2.21 compat.v1
        'Tensor("SequenceMask/Less:0", shape=(?, 5), dtype=bool)',
        'Tensor("SequenceMask_1/Cast_1:0", shape=(3, 4), dtype=float32)',
        'Tensor("SequenceMask_2/Less:0", shape=(2, 2), dtype=bool)', 'Tensor("SequenceMask_3/Less:0", shape=(5,), dtype=bool)']
    with tf.Session() as sess:
        values = sess.run(masks, {lengths: [0, 2, 5, 7]})
    assert values[0].tolist() == [[j < n for j in range(5)] for n in (0, 2, 5, 7)]  # TF 2.21 compat.v1
    assert values[1].tolist() == [[1, 0, 0, 0], [1, 1, 1, 0], [0, 0, 0, 0]] and values[1].dtype == np.float32
    assert values[2].tolist() == [[True, True], [True, False]] and values[3].tolist() == [True] * 3 + [False] * 2
    with pytest.raises(UnsupportedOperationError, match="give maxlen="):
        tf.sequence_mask(lengths)


EINSUMS = ["ij,jk->ik", "ij,jk->ki", "ij->ji", "ij->i", "ij->", "ij,ij->", "ij,ij->i", "ij,ij->ij", "ij,j->i", "i,ij->j",
           "i,j->ij", "i,i->", "ij,kj->ik", "ji,jk->ik", "ij,i->ij", "ii->i", "ii"]


def test_einsum_of_ranks_up_to_2_as_tf1():
    a0 = np.arange(6, dtype=np.float32).reshape(2, 3) / 4 - 0.5
    b0 = np.arange(12, dtype=np.float32).reshape(3, 4) / 8 - 0.6
    c0 = np.arange(6, dtype=np.float32).reshape(2, 3) / 5 + 0.1
    u0, w0 = np.array([1.0, -2.0, 0.5], np.float32), np.array([0.5, 3.0], np.float32)
    A, B, C, u, w = (tf.Variable(x) for x in (a0, b0, c0, u0, w0))
    square = tf.matmul(A, A, transpose_b=True)
    operands = [(A, B), (A, B), (A,), (A,), (A,), (A, C), (A, C), (A, C), (A, u), (w, A), (w, u), (u, u), (A, C),
                (A, C), (A, w), (square,), (square,)]
    outs = [tf.einsum(spec, *ops) for spec, ops in zip(EINSUMS, operands)]
    assert [o.name for o in outs] == ["einsum/Einsum:0"] + [f"einsum_{i}/Einsum:0" for i in range(1, 17)]  # TF 2.21
    loss = sum(tf.reduce_sum(o * o) for o in outs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(outs)
        value, *grads = sess.run([loss, *tf.gradients(loss, [A, B, C, u, w])])
    arrays = {id(A): a0, id(B): b0, id(C): c0, id(u): u0, id(w): w0, id(square): a0 @ a0.T}
    for spec, ops, got in zip(EINSUMS, operands, values):
        np.testing.assert_allclose(got, np.einsum(spec, *(arrays[id(x)] for x in ops)), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(value, 109.53953552246094, rtol=1e-6)  # TF 2.21 compat.v1
    expected = [  # TF 2.21 compat.v1
        [[-5.70625019, -0.44624996, 4.89375019], [18.40000153, 40.1875, 58.29000092]],
        [[-0.55000007, -0.17500007, 0.19999993, 0.57499993], [-0.12500009, 0.34374991, 0.81249988, 1.28124988],
         [0.29999989, 0.86249989, 1.42499995, 1.98749995]],
        [[-1.03750014, -0.2125, 0.58750004], [3.95000029, 6.38749981, 9.25000095]], [39.3125, -79.375, 19.1875],
        [4.375, 41.75]]
    for got, want in zip(grads, expected):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)
    with pytest.raises(UnsupportedOperationError, match="ellipsis"):
        tf.einsum("...ij,jk->...ik", A, B)
    with pytest.raises(UnsupportedOperationError, match="rank up to 2"):
        tf.einsum("ij,jk->ijk", A, B)
