"""P83-2: in IPython and Jupyter a symopt error shows the user's frames and its message, not symopt's internal
frames (IPython's documented ``_render_traceback_`` hook); plain Python tracebacks keep every frame.

Oracle: what IPython's own InteractiveShell prints for the cell, run in-process."""

import re
import subprocess
import sys
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


# 46d-2/46d-3/46d-10: a symopt error shown in IPython leaves symopt's frames out of the errors it was raised from
# too (symopt's CheckpointError from an OSError, a user's ConfigurationError from a FeedError); the line counting
# them is not added under %xmode Minimal (no frames at all) and names what IPython keeps (sys.last_traceback, %debug);
# importing symopt.errors does not load the notebook formatting.
#
# Oracle: what IPython's own InteractiveShell prints for the cell, run in-process, and sys.last_traceback it sets.

CHECKPOINT_IN_PROC = "symopt.minimize((w-1)**2, w, steps=3, checkpoint='/proc/nope/x.npz')"
WRAPPED = ("try:\n    symopt.minimize(cost, w, steps=3)\nexcept symopt.errors.FeedError as e:\n"
           "    raise symopt.errors.ConfigurationError('wrapped by me') from e\n")


@pytest.mark.parametrize("cell", [WRAPPED, CHECKPOINT_IN_PROC])
def test_the_errors_a_symopt_error_was_raised_from_show_no_symopt_frame(shell, capsys, cell):
    _printed(shell, capsys, SETUP)
    shown = _printed(shell, capsys, cell)
    assert "The above exception was the direct cause of the following exception:" in shown
    assert "File " not in shown and ".py:" not in shown and "<symopt-generated" not in shown
    count = int(re.search(r"^\((\d+) frames inside symopt not shown; %debug or sys.last_traceback has them\)$",
                          shown, re.M).group(1))
    every = sum(len(traceback.extract_tb(e.__traceback__)) for e in (sys.last_value, sys.last_value.__cause__))
    assert count == every - 1 - shown.count("Cell In[")  # less IPython's own run_code frame, which it never shows
    assert "wrapped by me" in shown or "CheckpointError: checkpoint '/proc/nope/x.npz'" in shown


def test_minimal_mode_shows_the_message_alone(shell, capsys):
    _printed(shell, capsys, SETUP)
    shown = _printed(shell, capsys, "%xmode Minimal\nsymopt.minimize(cost, w, steps=3)")
    message = "FeedError: missing data for ['X']: the cost reads them; pass data={name: value}"
    assert shown.strip().splitlines()[-1] == message


def test_importing_the_errors_does_not_load_the_notebook_formatting():
    loaded = subprocess.run([sys.executable, "-c", "import sys, symopt.errors; "
                             "print('symopt.notebook_tracebacks' in sys.modules)"], capture_output=True, text=True)
    assert loaded.stdout.strip() == "False", loaded.stderr
