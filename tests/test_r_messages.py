"""Small raw errors and misleading messages of probe P10: the CLI's failed runs, symopt.get_optimizer."""

import subprocess
import sys

import symopt
from symopt.cli import main


def test_cli_divergence_prints_the_best_parameters_not_error_result(capsys):
    status = main(["minimize", "w**4", "--wrt", "w=3", "--lr", "10", "--steps", "50"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("symopt: training diverged at step 4: the cost became inf")
    assert "error.result" not in err
    assert err.endswith("\nbest parameters seen: w = 3.0 (cost 81.0, at the start)\n")


def test_cli_domain_error_prints_the_best_parameters_too(capsys):
    status = main(["minimize", "sqrt(w)", "--wrt", "w=1", "--lr", "3", "--steps", "5", "--dtype", "float32"])
    err = capsys.readouterr().err
    assert status == 2  # issue 14's acceptance: the run left the cost's real domain
    assert err.startswith("symopt: after step 1 the parameters reached w = -0.5, where sqrt(w) has no real value")
    assert "error.result" not in err and err.endswith("\nbest parameters seen: w = 1.0 (cost 1.0, at the start)\n")


def test_get_optimizer_and_the_optimizers_module_after_import_symopt():
    assert repr(symopt.get_optimizer("adam", lr=0.1)) == "Adam(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-08)"
    probe = "import symopt; print(symopt.optimizers.get_optimizer('momentum'))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip().startswith("Momentum(lr=0.01, momentum=0.9")
