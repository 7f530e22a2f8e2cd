"""The example scripts run and print the lecture's numbers."""

import pathlib
import subprocess
import sys

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def run(name: str) -> list[str]:
    completed = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def test_lecture_tf1_example_prints_tensorflows_digits():
    assert run("lecture_tf1.py") == ["0.0", "0.099999994", "4.9999886", "5.000001"]


def test_lecture_core_example_runs():
    lines = run("lecture_core.py")
    assert lines[0] == "gradient: 2*w - 10"
    assert "gradient descent: 4.9999886 stopped after 1001 steps" in lines
    assert "Adam(0.1): 5.000001" in lines


def test_cli_demo_and_rejection(tmp_path):
    demo = subprocess.run([sys.executable, "-m", "symopt", "demo"], capture_output=True, text=True, timeout=120)
    assert demo.returncode == 0, demo.stderr
    assert "4.9999886" in demo.stdout and "5.000001" in demo.stdout
    hostile = subprocess.run([sys.executable, "-m", "symopt", "derive", "__import__('os').system('echo pwned')",
                              "--wrt", "w"], capture_output=True, text=True, timeout=60)
    assert hostile.returncode == 2
    assert "pwned" not in hostile.stdout
    assert "symopt:" in hostile.stderr


def test_cli_minimize_and_derive():
    out = subprocess.run([sys.executable, "-m", "symopt", "minimize", "a*w**2 + b*w + c", "--wrt", "w=0",
                          "--data", "a=1,b=-10,c=25", "--optimizer", "adam", "--lr", "0.1", "--steps", "1000"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "w = 5.000000000000002" in out.stdout
    derive = subprocess.run([sys.executable, "-m", "symopt", "derive", "w**2 - 10*w + 25", "--wrt", "w"],
                            capture_output=True, text=True, timeout=60)
    assert derive.stdout.splitlines()[-2:] == ["gradient", "  dJ/dw = 2w - 10"]
