"""``tf.errors``' classes and ``tf.gfile.Rename`` / ``Copy`` onto an existing file (fix45b finding 2).

Expected: TensorFlow 2.21's ``tf.compat.v1.errors``, where every class below subclasses ``tf.errors.OpError`` with
the error code listed, and ``tf.gfile.Rename(a, b)`` / ``Copy(a, b)`` onto an existing ``b`` raise
``AlreadyExistsError('file already exists')``, error code 6, leaving both files as they were.
"""

import pytest

import symopt.compat.v1 as tf

TF_CODES = {  # class name -> TF 2.21's error_code
    "CancelledError": 1, "UnknownError": 2, "InvalidArgumentError": 3, "DeadlineExceededError": 4,
    "NotFoundError": 5, "AlreadyExistsError": 6, "PermissionDeniedError": 7, "ResourceExhaustedError": 8,
    "FailedPreconditionError": 9, "AbortedError": 10, "OutOfRangeError": 11, "UnimplementedError": 12,
    "InternalError": 13, "UnavailableError": 14, "DataLossError": 15, "UnauthenticatedError": 16,
}


@pytest.mark.parametrize("name", list(TF_CODES))
def test_error_class_as_tf1s(name):
    cls = getattr(tf.errors, name)
    assert issubclass(cls, tf.errors.OpError)
    error = cls("node", "op", "what happened")
    assert (error.error_code, error.message, error.node_def, error.op) == (TF_CODES[name], "what happened", "node", "op")
    assert tf.errors.exception_type_from_error_code(TF_CODES[name]) is cls
    assert tf.errors.error_code_from_exception_type(cls) == TF_CODES[name]
    with pytest.raises(tf.errors.OpError):
        raise error


@pytest.mark.parametrize("move", ["Rename", "Copy"])
def test_onto_an_existing_file_is_already_exists(tmp_path, move):
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_text("x")
    target.write_text("y")
    with pytest.raises(tf.errors.AlreadyExistsError, match="file already exists") as raised:
        getattr(tf.gfile, move)(str(source), str(target))
    assert raised.value.error_code == 6
    assert "overwrite=True" in str(raised.value)
    assert (source.read_text(), target.read_text()) == ("x", "y")
    getattr(tf.gfile, move)(str(source), str(target), overwrite=True)
    assert target.read_text() == "x"
