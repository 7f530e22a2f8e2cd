"""Summaries of tensors computed from placeholders without a shape (the summary op waits for the fed shape): they
take TF1's names under their family (``train/losses/loss``), tags (``losses/train/losses/loss``), op types and
static shape ``()``; ``merge_all`` merges them, not the copies a session or shape inference rebuilds; a scalar
summary of a vector is TF1's run-time InvalidArgumentError.  Goldens: TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _values(serialized: bytes) -> list:
    return [(v.tag, round(v.simple_value, 5) if v.HasField("simple_value") else
             ("histo", v.histo.num, round(v.histo.sum, 4), v.histo.min, v.histo.max))
            for v in summary_pb2.Summary.FromString(serialized).value]


def test_summaries_of_shapeless_placeholders_take_tf1_names_tags_and_merge_all():
    x, y = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    w = tf.Variable(2.0)
    loss = tf.reduce_mean((w * x - y) ** 2)
    with tf.name_scope("train"):
        family_loss = tf.summary.scalar("loss", loss, family="losses")
        family_x = tf.summary.histogram("x", x, family="inputs")
    plain = [tf.summary.scalar("loss", loss), tf.summary.histogram("pred", w * x),
             tf.summary.scalar("first", tf.reduce_sum(x), family="f")]
    z = tf.placeholder(tf.float32)
    z.set_shape([])
    of_z = [tf.summary.scalar("z", z, family="zz"), tf.summary.scalar("zz", z * 2.0)]
    summaries = [family_loss, family_x, *plain, *of_z]
    assert [t.name for t in summaries] == ["train/losses/loss:0", "train/inputs/x:0", "loss:0", "pred:0",
                                           "f/first:0", "zz/z:0", "zz:0"]
    merged = tf.summary.merge_all()
    assert merged.name == "Merge/MergeSummary:0"
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == summaries
    assert [(t.op.type, t.shape.as_list()) for t in (family_loss, family_x, merged)] == [
        ("ScalarSummary", []), ("HistogramSummary", []), ("MergeSummary", [])]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        first = _values(session.run(merged, {x: np.float32([1, 2, 3]), y: np.float32([2, 4, 7]), z: 1.5}))
        second = _values(session.run(merged, {x: np.float32([[1, 2], [3, 4]]), y: np.ones((2, 2), np.float32),
                                              z: 0.5}))
        alone = _values(session.run(tf.summary.merge([family_loss, of_z[0]]),
                                    {x: np.float32([1, 2, 3]), y: np.float32([2, 4, 7]), z: 1.5}))
    assert first == [("losses/train/losses/loss", 0.33333), ("inputs/train/inputs/x", ("histo", 3.0, 6.0, 1.0, 3.0)),
                     ("loss", 0.33333), ("pred", ("histo", 3.0, 12.0, 2.0, 6.0)), ("f/f/first", 6.0),
                     ("zz/zz/z", 1.5), ("zz", 3.0)]
    assert second == [("losses/train/losses/loss", 21.0), ("inputs/train/inputs/x", ("histo", 4.0, 10.0, 1.0, 4.0)),
                      ("loss", 21.0), ("pred", ("histo", 4.0, 20.0, 2.0, 8.0)), ("f/f/first", 10.0),
                      ("zz/zz/z", 0.5), ("zz", 1.0)]
    assert alone == [("losses/train/losses/loss", 0.33333), ("zz/zz/z", 1.5)]


def test_a_scalar_summary_of_a_fed_vector_is_tf1_run_time_error():
    x = tf.placeholder(tf.float32)
    bad = tf.summary.scalar("bad", x * 2.0)
    with tf.Session() as session:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"bad: tags and values are not the same shape: \[\] != \[2\] \(tag 'bad'\)"):
            session.run(bad, {x: [1., 2.]})
