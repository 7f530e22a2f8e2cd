"""The names people write for a minimizer that are not symopt's spelling, by what symopt does with them: one table for
``method=`` (:func:`symopt.keyword_advice.method_advice`) and ``optimizer=``
(:func:`symopt.optimizer_advice.optimizer_name_advice`), so that a name added here is answered by both (final41b
F41b-6).  Keys are lowercase; ``{given}`` in a sentence is the name as given.
"""

from __future__ import annotations

__all__ = ["SYMOPT_METHOD_SPELLINGS", "SCIPY_ONLY_METHODS", "FIRST_ORDER_SPELLINGS"]

#: A second-order or quasi-Newton method's spellings (SciPy's, PyTorch's ``LBFGS``, symopt's own) → symopt's
#: ``method=`` name.
SYMOPT_METHOD_SPELLINGS = {"lbfgs": "lbfgs", "l-bfgs": "lbfgs", "l-bfgs-b": "lbfgs", "bfgs": "bfgs",
                           "newton-cg": "newton-cg", "trust-ncg": "trust-ncg", "newton": "newton"}

_CONSTRAINED = ("symopt's methods take no constraints but box bounds: bounds={{w: (low, high)}} with method='lbfgs'. "
                "For {given}'s general constraints run scipy.optimize.minimize(fun, x0, method={given!r}, "
                "constraints=...) with fun from f = symopt.compile(cost, wrt, inputs=[...]), which returns the cost "
                "and its gradient together (jac=True)")
_RUN_BY_SCIPY = ("symopt runs 'lbfgs', 'bfgs', 'newton-cg', 'trust-ncg' and 'newton' itself; for SciPy's {given} run "
                 "scipy.optimize.minimize(fun, x0, method={given!r}) with fun from f = symopt.compile(cost, wrt, "
                 "inputs=[...]), which returns the cost and its gradient (jac=True for a method that uses the "
                 "gradient)")
#: SciPy's methods symopt does not run → how to run them on symopt's compiled cost and gradient.
SCIPY_ONLY_METHODS = {
    "slsqp": _CONSTRAINED, "trust-constr": _CONSTRAINED, "cobyla": _CONSTRAINED, "cobyqa": _CONSTRAINED,
    "cg": _RUN_BY_SCIPY, "nelder-mead": _RUN_BY_SCIPY, "powell": _RUN_BY_SCIPY, "tnc": _RUN_BY_SCIPY,
    "dogleg": _RUN_BY_SCIPY, "trust-exact": _RUN_BY_SCIPY, "trust-krylov": _RUN_BY_SCIPY,
}

#: Other libraries' first-order optimizer names → what symopt writes (``optimizer=`` or an optimizer object).
FIRST_ORDER_SPELLINGS = {
    "sgd": ("plain stochastic gradient descent (torch.optim.SGD, optax.sgd, Keras' 'sgd') is optimizer='gd' (with "
            "batch_size= for mini-batches), or symopt.GradientDescent(lr); with momentum it is optimizer='momentum', "
            "or symopt.Momentum(lr, 0.9)"),
    "nesterov": "Nesterov momentum is symopt.Momentum(lr, 0.9, nesterov=True)",
}
