"""final44d F44d-2: TF1's constructor ``tf.errors.*Error(node_def, op, message)`` gives the message alone, before and
after pickling.  Oracle: TF 2.21's ``tf.compat.v1.errors`` (``str(e) == e.message == 'bad batch'``; ``error_code``
taken by ``OpError`` itself, a subclass keeping its own)."""

import pickle

import pytest

from symopt.compat import v1 as tf

CLASSES = ["InvalidArgumentError", "OutOfRangeError", "FailedPreconditionError", "NotFoundError"]


@pytest.mark.parametrize("name", CLASSES)
def test_tf1s_three_argument_constructor(name):
    error = getattr(tf.errors, name)(None, None, "bad batch")
    for seen in (error, pickle.loads(pickle.dumps(error))):
        assert type(seen) is type(error)
        assert str(seen) == seen.message == "bad batch"
        assert seen.op is None and seen.node_def is None


def test_error_codes_as_tf():
    assert tf.errors.OpError(None, None, "m", 3).error_code == 3
    assert tf.errors.OutOfRangeError(None, None, "end", 7).error_code == 11
    assert str(tf.errors.OutOfRangeError("end of data")) == "end of data"  # one argument, as before
