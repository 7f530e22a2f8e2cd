"""A full disk on stdout and Ctrl-C end the command line in one ``symopt:`` line, never a traceback (probe44 P44-2,
P44-3): ``symopt derive ... > /dev/full`` printed ``OSError: [Errno 28] No space left on device`` from
``print``, and Ctrl-C a ``KeyboardInterrupt`` traceback through generated code, ended by the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from symopt import cli

FULL = "symopt: cannot write standard output (No space left on device); free space on its disk or redirect it elsewhere"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("argv", [["derive", "w^2", "--wrt", "w"], ["minimize", "w^2", "--wrt", "w=1", "--steps", "10"],
                                  ["graph", "w^2"], ["explain", "w^2", "--wrt", "w", "--at", "w=1"]],
                         ids=["derive", "minimize", "graph", "explain"])
def test_a_full_disk_on_stdout_is_one_line(argv):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "symopt", *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert (done.returncode, done.stderr) == (1, FULL + "\n")


def test_ctrl_c_is_one_line_and_status_130(tmp_path):
    """SIGINT into a command that cannot finish first: a tf1 program that says it started, then sleeps (final38b
    F38b-8: a long minimize run could end before a fixed sleep on a fast machine)."""
    program = tmp_path / "waits.py"
    program.write_text("import time\nprint('started', flush=True)\ntime.sleep(600)\n")
    process = subprocess.Popen([sys.executable, "-m", "symopt", "tf1", str(program)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout.readline() == "started\n"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (cli.INTERRUPTED, "", "symopt: interrupted\n")


def test_an_interrupt_anywhere_in_a_command_is_the_same_line(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_run", interrupted)
    assert cli.main(["derive", "w^2", "--wrt", "w"]) == 130
    assert capsys.readouterr().err == "symopt: interrupted\n"


def test_a_program_that_closes_stdout_is_no_traceback(tmp_path):  # final38b F38b-3: ValueError at the final flush
    program = tmp_path / "closes.py"
    program.write_text("import sys\nprint('done')\nsys.stdout.close()\n")
    done = subprocess.run([sys.executable, "-m", "symopt", "tf1", str(program)], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")
