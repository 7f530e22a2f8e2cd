"""P83-2: in IPython and Jupyter a symopt error shows the user's frames and its message, not symopt's internal
frames (IPython's documented ``_render_traceback_`` hook); plain Python tracebacks keep every frame.

Oracle: what IPython's own InteractiveShell prints for the cell, run in-process."""

import re
import traceback

import pytest

import symopt

InteractiveShell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell

SETUP = ("import symopt\nw = symopt.Variable('w', 0.0)\nX = symopt.Placeholder('X', shape=(None, 1))\n"
         "cost = symopt.ops.mean(X * w)\n")
#: The learner's cell: a function of theirs that forgets the feed.
CELL = "def train():\n    return symopt.minimize(cost, w, steps=3)\ntrain()\n"


@pytest.fixture
def shell():
    made = InteractiveShell.instance()
    yield made
    InteractiveShell.clear_instance()


def _printed(shell, capsys, cell) -> str:
    capsys.readouterr()
    shell.run_cell(cell)
    return re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)  # without IPython's colours


def test_ipython_shows_the_users_frames_and_the_message_only(shell, capsys):
    _printed(shell, capsys, SETUP)
    shown = _printed(shell, capsys, CELL)
    assert "FeedError: missing data for ['X']" in shown
    assert len(re.findall(r"^Cell In\[\d+\], line \d+", shown, re.M)) == 2  # the cell, and train() in it
    assert "----> 3 train()" in shown and "symopt.minimize(cost, w, steps=3)" in shown
    assert ".py:" not in shown and "File " not in shown and "<symopt-generated" not in shown  # no module's frame
    assert re.search(r"\(\d+ frames inside symopt not shown", shown)


def test_plain_python_tracebacks_keep_every_frame():
    w = symopt.Variable("w", 0.0)
    X = symopt.Placeholder("X", shape=(None, 1))
    with pytest.raises(symopt.errors.FeedError) as caught:
        symopt.minimize(symopt.ops.mean(X * w), w, steps=3)
    printed = "".join(traceback.format_exception(caught.value))
    assert "minimize.py" in printed  # the error object's own traceback is untouched



def test_an_error_with_no_frame_of_the_users_keeps_its_traceback():
    """Raised inside symopt only (no caller's frame in its traceback): every frame, rather than none."""
    try:
        symopt.result.Result({}, 0.0, [], 0, "done")["w"]
    except symopt.errors.ConfigurationError as error:
        caught = error
    inner = caught.__traceback__.tb_next  # drop this test's own frame: symopt's frames only
    lines = "\n".join(symopt.notebook_tracebacks.notebook_traceback(caught.with_traceback(inner)))
    assert "result.py" in lines and "ConfigurationError" in lines
