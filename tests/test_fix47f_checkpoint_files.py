"""probe89 P89-3: a checkpoint is created with the mode the umask gives (as np.save creates a file), not mkstemp's
0600; a checkpoint this process cannot read is a CheckpointError, not a bare PermissionError."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import symopt
from symopt.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from symopt.errors import CheckpointError


@pytest.fixture
def umask():
    """Set a umask for the test; the process's own is restored after."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def _mode(path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_a_checkpoint_has_the_mode_np_save_gives_under_the_umask(tmp_path, umask, mask):
    umask(mask)
    np.save(tmp_path / "beside.npy", np.zeros(2))  # the oracle: a file NumPy creates under the same umask
    w = symopt.Variable("w", 0.0)
    symopt.minimize((w - 3) ** 2, w, steps=2, checkpoint=tmp_path / "run.npz")
    save_checkpoint(tmp_path / "direct.npz", Checkpoint({"w": np.float64(1.0)}))
    assert _mode(tmp_path / "run.npz") == _mode(tmp_path / "direct.npz") == _mode(tmp_path / "beside.npy")
    assert sorted(os.listdir(tmp_path)) == ["beside.npy", "direct.npz", "run.npz"]  # no temporary left


READER = """
import sys, symopt
from symopt.checkpoint import load_checkpoint
from symopt.errors import CheckpointError
try:
    load_checkpoint(sys.argv[1])
except CheckpointError as error:
    print("CheckpointError:", error)
"""


def test_an_unreadable_checkpoint_is_a_checkpoint_error(tmp_path):
    path = tmp_path / "teammate.npz"
    save_checkpoint(path, Checkpoint({"w": np.float64(1.0)}))
    os.chmod(path, 0)
    if os.geteuid() != 0:
        with pytest.raises(CheckpointError, match="cannot be read: Permission denied.*chmod a\\+r"):
            load_checkpoint(path)
        return
    if shutil.which("setpriv") is None:
        pytest.skip("root reads any file, and setpriv (to drop that capability) is not installed")
    os.chmod(tmp_path, 0o755)
    dropped = "-dac_override,-dac_read_search"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([os.path.dirname(os.path.dirname(symopt.__file__)),
                                                                os.environ.get("PYTHONPATH", "")])}
    reader = subprocess.run(["setpriv", f"--inh-caps={dropped}", f"--bounding-set={dropped}", sys.executable, "-c",
                             READER, str(path)], capture_output=True, text=True, env=environment, timeout=120)
    assert reader.returncode == 0, reader.stderr
    assert "CheckpointError:" in reader.stdout and "cannot be read: Permission denied" in reader.stdout
