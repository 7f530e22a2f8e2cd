"""final44d F44d-1: an error derived from ImportError keeps ``name`` and ``path`` through pickle and copy, as
CPython's own ``ImportError.__reduce__`` (and mine44) kept them.  Oracle: the raised error's own attributes."""

import copy
import pickle

import pytest

from symopt.errors import DependencyError

COPIES = {"pickle": lambda value: pickle.loads(pickle.dumps(value)), "deepcopy": copy.deepcopy, "copy": copy.copy}


@pytest.mark.parametrize("how", COPIES)
def test_an_import_error_keeps_name_and_path(how):
    error = DependencyError("old numpy", name="numpy", path="/x")
    error.extra = 3
    back = COPIES[how](error)
    assert type(back) is DependencyError and back.args == ("old numpy",)
    assert (back.name, back.path, back.extra) == ("numpy", "/x", 3)
    assert str(back) == str(error)
