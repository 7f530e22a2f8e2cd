"""``tf.summary`` names and tags as TF1 makes them: a name used twice is made unique (``loss``, ``loss_1``) and the
tag is the op's name, so TensorBoard shows two curves, not one curve with two values per step; ``family`` puts
``family/`` in front; ``merge`` opens a name scope of its own.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")


def test_a_summary_name_used_twice_gets_tf1s_unique_names_and_tags(tmp_path):
    accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    x = tf.placeholder(tf.float32, [])
    made = [tf.summary.scalar("loss", x), tf.summary.scalar("loss", x * 2)]
    with tf.name_scope("train"):
        made += [tf.summary.scalar("loss", x * 3), tf.summary.scalar("loss", x * 4),
                 tf.summary.histogram("w", tf.stack([x, x]))]
    made += [tf.summary.histogram("w", tf.stack([x, x])), tf.summary.scalar("loss_1", x * 5),
             tf.summary.scalar("acc", x, family="eval"), tf.summary.scalar("acc", x, family="eval"),
             tf.summary.scalar("my loss!", x)]
    merged, pair = tf.summary.merge_all(), tf.summary.merge(made[:2])
    # TF 2.21 tf.compat.v1
    assert [t.name for t in made + [merged, pair]] == [
        "loss:0", "loss_1:0", "train/loss:0", "train/loss_1:0", "train/w:0", "w:0", "loss_1_1:0", "eval/acc:0",
        "eval/acc_1:0", "my_loss_:0", "Merge/MergeSummary:0", "Merge_1/MergeSummary:0"]
    assert str(made[1]) == 'Tensor("loss_1:0", shape=(), dtype=string)'  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        summary = sess.run(merged, {x: 1.0})
        writer = tf.summary.FileWriter(str(tmp_path))
        for step in range(2):
            writer.add_summary(sess.run(merged, {x: float(step)}), step)
        writer.close()
    values = summary_pb2.Summary.FromString(summary).value
    # TF 2.21 tf.compat.v1
    assert [(v.tag, v.simple_value) for v in values if v.HasField("simple_value")] == [
        ("loss", 1.0), ("loss_1", 2.0), ("train/loss", 3.0), ("train/loss_1", 4.0), ("loss_1_1", 5.0),
        ("eval/eval/acc", 1.0), ("eval/eval/acc_1", 1.0), ("my_loss_", 1.0)]
    (path,) = tmp_path.glob("events.out.tfevents.*")
    events = accumulator.EventAccumulator(str(path), size_guidance={accumulator.SCALARS: 0})
    events.Reload()
    assert sorted(events.Tags()["scalars"]) == sorted(["loss", "loss_1", "train/loss", "train/loss_1", "loss_1_1",
                                                       "eval/eval/acc", "eval/eval/acc_1", "my_loss_"])
    assert [e.value for e in events.Scalars("loss_1")] == [0.0, 2.0]


def test_named_merges_and_a_family_inside_a_scope_as_tf1():
    x = tf.placeholder(tf.float32, [])
    with tf.name_scope("eval"):
        inside = tf.summary.scalar("acc", x, family="eval")
    outside = tf.summary.scalar("acc", x, family="eval")
    merged = [tf.summary.merge([inside, outside], name="foo"), tf.summary.merge([inside], name="foo"),
              tf.summary.merge_all(name="all")]
    # TF 2.21 tf.compat.v1
    assert [t.name for t in [inside, outside, *merged]] == ["eval/eval/acc:0", "eval/acc:0", "foo/foo:0",
                                                            "foo_1/foo:0", "all/all:0"]
    with tf.Session() as sess:
        values = summary_pb2.Summary.FromString(sess.run(merged[2], {x: 2.0})).value
    assert [v.tag for v in values] == ["eval/eval/eval/acc", "eval/eval/acc"]  # TF 2.21 tf.compat.v1


def test_a_summary_of_a_shapeless_placeholders_loss_keeps_its_tag():
    X, Y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32)  # Y shape-less: the summary is rebuilt
    W = tf.Variable([[0.1], [-0.2]])
    summary = tf.summary.scalar("loss", tf.reduce_mean(tf.square(tf.matmul(X, W) - Y)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(summary, {X: [[1., 2.], [3., 4.]], Y: [[1.], [2.]]})
    # TF 2.21 tf.compat.v1 (it raised AttributeError: 'Tensor' object has no attribute 'summary_tag')
    assert value == b'\n\x0b\n\x04loss\x15z\x14~@'
