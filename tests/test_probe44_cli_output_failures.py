"""A full disk on stdout and Ctrl-C end the command line in one ``symopt:`` line, never a traceback (probe44 P44-2,
P44-3): ``symopt derive ... > /dev/full`` printed ``OSError: [Errno 28] No space left on device`` from
``print``, and Ctrl-C a ``KeyboardInterrupt`` traceback through generated code, ended by the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

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


def test_ctrl_c_is_one_line_and_status_130():
    """SIGINT into a long minimize run (the sleep only lets it start; nothing is asserted on time)."""
    process = subprocess.Popen([sys.executable, "-m", "symopt", "minimize", "w^2", "--wrt", "w=1", "--steps",
                                "10000000", "--optimizer", "adam"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(4)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (cli.INTERRUPTED, "", "symopt: interrupted\n")


def test_an_interrupt_anywhere_in_a_command_is_the_same_line(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_run", interrupted)
    assert cli.main(["derive", "w^2", "--wrt", "w"]) == 130
    assert capsys.readouterr().err == "symopt: interrupted\n"
