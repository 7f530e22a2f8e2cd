"""Small TF1 names the probe missed (S8): ``tf.GraphKeys.METRIC_VARIABLES``, ``tf.linalg.norm``, ``tf.math.cumsum``,
and ``tf.nn.batch_normalization`` of a float64 ``x`` with Python numbers (was a dtype ``TypeError``).  Values as
TF 2.21 ``tf.compat.v1`` prints them for the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_metric_variables_norm_cumsum_and_batch_norm_of_numbers():
    x = tf.constant([[3.0, 4.0], [1.0, 2.0]])
    tf.metrics.accuracy(tf.constant([1, 0]), tf.constant([1, 1]))
    names = [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)]
    assert names == ["accuracy/total:0", "accuracy/count:0"]  # TF 2.21 tf.compat.v1
    xb = tf.constant([[1.0, 2.0], [3.0, 5.0]], tf.float64)
    bn = tf.nn.batch_normalization(xb, 0.5, 2.0, 0.1, 3.0, 1e-3)
    assert bn.dtype == tf.float64
    with tf.Session() as sess:
        assert sess.run(tf.linalg.norm(x)) == np.float32(5.477226)  # TF 2.21 tf.compat.v1
        assert sess.run(tf.math.cumsum(x, axis=1)).tolist() == [[3.0, 7.0], [1.0, 3.0]]  # TF 2.21 tf.compat.v1
        # TF 2.21 tf.compat.v1 (TF1 rounds the factor and shift to float32 first: symopt agrees to 4e-8)
        np.testing.assert_allclose(sess.run(bn), [[1.1603951454162598, 3.2811853885650635],
                                                  [5.401975631713867, 9.643556118011475]], rtol=5e-8)


def test_a_program_importing_tensorflow_contrib_layers_runs(tmp_path, capsys):
    from symopt.compat.v1.runner import run_program
    program = tmp_path / "prog.py"
    program.write_text("import tensorflow as tf\n"
                       "from tensorflow.contrib.layers import l2_regularizer\n"
                       "import tensorflow.contrib.layers as layers\n"
                       "w = tf.Variable([1.0, 2.0])\n"
                       "with tf.Session() as s:\n"
                       "    s.run(tf.global_variables_initializer())\n"
                       "    print(s.run(l2_regularizer(0.1)(w)), layers.l2_regularizer is l2_regularizer)\n")
    run_program(str(program))
    assert capsys.readouterr().out == "0.25 True\n"  # contrib's 0.1 * l2_loss(w): 0.1 * 2.5


def test_embedding_lookup_of_id_windows_names_itself():
    E = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    ids = tf.placeholder(tf.int32, [None, 2])
    with pytest.raises(UnsupportedOperationError, match=r"tf.nn.embedding_lookup with ids of shape \[\?,2\]"):
        tf.nn.embedding_lookup(E, ids)


def test_histogram_keeps_one_empty_bucket_per_run_of_empty_ones():
    summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")
    E = tf.Variable(np.linspace(-2, 3, 12).reshape(4, 3).astype(np.float32))
    ids = tf.placeholder(tf.int32, [None])
    h = tf.summary.histogram("emb", tf.nn.embedding_lookup(E, ids))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        proto = summary_pb2.Summary.FromString(sess.run(h, {ids: [0, 3, 3]})).value[0].histo
    # TF 2.21 tf.compat.v1, decoded with the same protobufs (limits rounded to 3 places)
    assert [round(x, 3) for x in proto.bucket_limit[:-1]] == [-2.163, -1.966, -1.625, -1.477, -1.110, -1.009, 1.966,
                                                              2.163, 2.379, 2.617, 2.879, 3.167]
    assert proto.bucket_limit[-1] == np.finfo(np.float64).max
    assert list(proto.bucket) == [0, 1, 0, 1, 0, 1, 0, 2, 0, 2, 0, 2, 0]
