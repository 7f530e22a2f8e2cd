"""``tf.RunOptions`` / ``tf.RunMetadata`` / ``FileWriter.add_run_metadata`` (probe15 Y19: the TensorBoard tutorial's
tracing step, official ``mnist_with_summaries.py``, stopped at ``tf.RunOptions``).  A trace never changes a value, so
they are accepted: the run gives TF 2.21's numbers (w = 1.3 after one step), the metadata stays empty (symopt
traces nothing) and ``add_run_metadata`` writes its tag with that empty trace.  A ``timeout_in_ms``, which symopt
would not enforce, is refused."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")


def test_a_traced_run_gives_the_same_numbers_and_an_empty_trace(tmp_path):
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(2.0)
    loss = tf.reduce_mean(tf.square(x * w - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    tf.summary.scalar("loss", loss)
    merged = tf.summary.merge_all()
    writer = tf.summary.FileWriter(str(tmp_path))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
        metadata = tf.RunMetadata()
        summary, _ = sess.run([merged, train], feed_dict={x: [1., 2.]}, options=options, run_metadata=metadata)
        writer.add_run_metadata(metadata, "step001", 1)
        writer.add_summary(summary, 1)
        step = sess.make_callable(train, feed_list=[x], accept_options=True)
        step([1., 2.], options=options, run_metadata=metadata)
        assert repr(sess.run(w)) == "np.float32(0.9499999)"  # TF 2.21 (1.3 after the first step)
        assert metadata.step_stats.dev_stats == []  # nothing traced
    writer.close()
    (path,) = tmp_path.glob("events.out.tfevents.*")
    events = accumulator.EventAccumulator(str(path))
    events.Reload()
    assert events.Tags()["run_metadata"] == ["step001"] and events.Tags()["scalars"] == ["loss"]
    assert tf.RunOptions.NO_TRACE == 0 and tf.RunOptions.FULL_TRACE == 3  # TF1's enum values


def test_a_run_timeout_is_refused():
    with pytest.raises(UnsupportedOperationError, match="does not enforce a run's deadline .* leave timeout_in_ms out"):
        tf.RunOptions(timeout_in_ms=1000)
