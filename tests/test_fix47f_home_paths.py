"""probe89 P89-1: checkpoint= and resume_from= expand a leading ~ as cache_dir= does (and as a shell would); it
made a directory literally named ~ in the working directory, and a restart from another directory started afresh."""

import os

import numpy as np

import symopt


def _run(**paths):
    w = symopt.Variable("w", 0.0)
    return symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.25), **paths)


def test_checkpoint_and_resume_from_expand_the_home_directory(tmp_path, monkeypatch):
    home, first, second = tmp_path / "home", tmp_path / "first", tmp_path / "second"
    for directory in (home, first, second):
        directory.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(first)
    _run(steps=3, checkpoint="~/runs/job.npz", resume_from="~/runs/job.npz")
    assert os.listdir(first) == [] and os.listdir(home / "runs") == ["job.npz"]
    monkeypatch.chdir(second)  # a restart from another working directory resumes the same file
    resumed = _run(steps=5, checkpoint="~/runs/job.npz", resume_from="~/runs/job.npz")
    value = 0.0
    for _ in range(5):  # hand-written gradient descent on (w - 3)^2, the uninterrupted run
        value -= 0.25 * 2 * (value - 3)
    assert os.listdir(second) == [] and resumed.steps == 5
    assert np.isclose(float(resumed.params[next(iter(resumed.params))]), value, rtol=0, atol=1e-12)
