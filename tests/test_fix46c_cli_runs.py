"""``symopt minimize`` reports a run the library calls unsuccessful (probe80 P80-1): gradient descent at 1.5 on
:math:`(w - 3)^2` reaches a cost of 1.4e61 in 100 steps without overflowing, and the command printed that point as
the minimum with exit status 0, though ``result.success`` was False ("the run is diverging").  Oracle: the same
gradient descent written out in NumPy, with TF1's float32 rounding of the learning rate."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np

from symopt import cli


def hand_descent(lr: float, start: dict, gradient, steps: int) -> list[dict]:
    """Each point of plain gradient descent, the start first; ``lr`` rounded to float32 first, as TF1 does."""
    rate, points = float(np.float32(lr)), [dict(start)]
    for _ in range(steps):
        point = points[-1]
        points.append({name: value - rate * slope for (name, value), slope in zip(point.items(), gradient(point))})
    return points


def test_a_diverging_run_is_exit_1_with_the_best_point_at_the_start(capsys):
    points = hand_descent(1.5, {"w": 0.0}, lambda p: [2 * (p["w"] - 3)], 100)
    assert (points[-1]["w"] - 3) ** 2 > 1e60  # the run really diverges, yet stays finite
    status = cli.main(["minimize", "(w-3)^2", "--wrt", "w=0", "--lr", "1.5", "--steps", "100"])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.startswith("symopt: stopped after 100 steps; but the cost grew from 9 to 1.44624e+61")
    assert "the run is diverging" in err
    assert err.endswith("\nbest parameters seen: w = 0.0 (cost 9.0, at the start)\n")


def test_the_best_point_of_a_run_that_first_descends_is_replayed(capsys):
    """``(w - 3)^2 + 100 b^2`` at lr 0.011: w converges while b grows by -1.2 a step; the lowest cost is at step 23."""
    points = hand_descent(0.011, {"w": 0.0, "b": 0.001}, lambda p: [2 * (p["w"] - 3), 200 * p["b"]], 120)
    costs = [(p["w"] - 3) ** 2 + 100 * p["b"] ** 2 for p in points]
    best = int(np.argmin(costs))
    status = cli.main(["minimize", "(w-3)^2 + 100*b^2", "--wrt", "w=0,b=0.001", "--lr", "0.011", "--steps", "120"])
    err = capsys.readouterr().err
    assert status == 1 and "the run is diverging" in err
    last = err.splitlines()[-1]
    assert last.startswith("best parameters seen: w = ") and last.endswith(f", after {best} steps)")
    shown = dict(item.split(" = ") for item in last.removeprefix("best parameters seen: ").split(" (cost")[0]
                 .split(", "))
    np.testing.assert_allclose([float(shown["w"]), float(shown["b"])], [points[best]["w"], points[best]["b"]],
                               rtol=1e-12)


def test_a_converging_run_still_prints_its_point(capsys):
    assert cli.main(["minimize", "(w-3)^2", "--wrt", "w=0", "--lr", "0.1", "--steps", "200"]) == 0
    shown = dict(line.split(" = ") for line in capsys.readouterr().out.splitlines() if " = " in line)
    points = hand_descent(0.1, {"w": 0.0}, lambda p: [2 * (p["w"] - 3)], 200)
    np.testing.assert_allclose(float(shown["w"]), points[-1]["w"], rtol=1e-12)


# probe80 P80-4: with fd 1 closed at start-up (`symopt ... >&-`, a daemon or cron job) Python sets sys.stdout to None;
# every subcommand ended in an AttributeError traceback from the final flush, and `symopt tf1` lost the program's own
# exit status.  Oracle: `python prog.py >&-`, which prints nothing and keeps the status.

def run_without_stdout(*argv: str) -> subprocess.CompletedProcess:
    """``argv`` run as a process whose file descriptor 1 is closed before it starts (a shell's ``>&-``)."""
    return subprocess.run([sys.executable, *argv], stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1))


def test_a_closed_stdout_is_no_traceback():  # every subcommand ends in the same flush: one stands for all
    done = run_without_stdout("-m", "symopt", "minimize", "w^2", "--wrt", "w=1", "--steps", "2")
    assert (done.returncode, done.stderr) == (0, "")


def test_tf1_keeps_the_program_exit_status_with_stdout_closed(tmp_path):
    program = tmp_path / "exits.py"
    program.write_text("import sys\nprint('exiting 7')\nsys.exit(7)\n")
    python_itself = run_without_stdout(str(program))
    done = run_without_stdout("-m", "symopt", "tf1", str(program))
    assert (python_itself.returncode, python_itself.stderr) == (7, "")
    assert (done.returncode, done.stderr) == (7, "")


def test_a_stalled_run_advises_what_the_command_line_can_type(capsys):
    """final46c 46c-3: Adagrad's g² overflows float32 at |g| = 2e20, so no step moves w (exit 1); the advice is an
    option of symopt minimize, not the library's clip_norm=1.0."""
    assert cli.main(["minimize", "1e20*w^2", "--wrt", "w=1", "--optimizer", "adagrad", "--dtype", "float32",
                     "--steps", "50"]) == 1
    err = capsys.readouterr().err
    assert "no parameter moved" in err and "clip_norm" not in err
    assert "--optimizer gd or --optimizer momentum" in err


def test_a_diverged_run_advises_command_line_options(capsys):
    """final46c 46c-3: w² at lr 1.5 overflows (exit 1); its advice names --lr and --optimizer, not clip_norm=...."""
    assert cli.main(["minimize", "w^2", "--wrt", "w=1", "--lr", "1.5", "--steps", "5000"]) == 1
    err = capsys.readouterr().err
    assert "a smaller --lr than 1.5," in err and "--optimizer momentum" in err and "clip_norm" not in err


def test_a_run_ending_above_its_start_says_so_and_exits_0(capsys):
    """final46c 46c-9: (w-3)² from 0 at lr 1.01: each step multiplies w - 3 by 1 - 2·1.01 = -1.02 (hand descent),
    so after 100 steps the cost is about 9·1.02^200 = 472, above the start's 9, not the millionfold of a divergence."""
    final = hand_descent(1.01, {"w": 0.0}, lambda p: [2 * (p["w"] - 3)], 100)[-1]["w"]
    assert cli.main(["minimize", "(w-3)^2", "--wrt", "w=0", "--lr", "1.01", "--steps", "100"]) == 0
    captured = capsys.readouterr()
    note = re.fullmatch(r"symopt: note: the final cost (\S+) is above the start's 9\.0; try a smaller --lr than "
                        r"1\.01\n", captured.err)
    np.testing.assert_allclose(float(note.group(1)), (final - 3) ** 2, rtol=1e-12)
    assert f"final cost = {note.group(1)}" in captured.out


def test_a_converging_run_has_no_note(capsys):
    assert cli.main(["minimize", "(w-3)^2", "--wrt", "w=0", "--lr", "0.1", "--steps", "20"]) == 0
    assert capsys.readouterr().err == ""
