"""``graph -o out/`` names a folder: it wrote a text file named ``out`` with exit 0 (probe44 P44-6; ``Path`` drops
the trailing slash and the empty suffix is the text renderer).  Now it is refused before anything is written, as
``open("out/", "w")`` refuses it (``IsADirectoryError``)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("output, message", [
    ("out/", "symopt: -o out/: expected a file; given a folder (it ends in '/'); name a file in it, e.g. -o "
             "out/graph.svg (create it first: mkdir -p out)\n"),
    ("x.svg/", "symopt: -o x.svg/: expected a file; given a folder (it ends in '/'); name a file in it, e.g. -o "
               "x.svg/graph.svg (create it first: mkdir -p x.svg)\n")])
def test_a_trailing_slash_is_a_folder(tmp_path, output, message):
    with pytest.raises(IsADirectoryError):  # the oracle: Python's own open
        open(f"{tmp_path}/{output}", "w")  # noqa: SIM115 - it raises
    done = subprocess.run([sys.executable, "-m", "symopt", "graph", "w^2", "-o", output], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_with_a_slash_is_refused_too(tmp_path):
    (tmp_path / "out").mkdir()
    done = subprocess.run([sys.executable, "-m", "symopt", "graph", "w^2", "-o", "out/"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (2, "symopt: -o out/: expected a file; given a folder (it ends in '/'); "
                                                 "name a file in it, e.g. -o out/graph.svg\n")
    assert list((tmp_path / "out").iterdir()) == []
