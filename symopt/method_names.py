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

#: How to hand symopt's compiled cost to scipy.optimize.minimize, which passes one array ``p`` of every parameter entry:
#: a function of scalar Variables takes them one by one, so ``lambda p: f(*p)`` (probe66 P66-5); ``jac=True`` reads
#: the gradient it returns beside the cost (a method without one ignores it).  Data need ``inputs=`` (the
#: Placeholders' order) and their values after the parameters; a Variable of any shape gets ``p`` reshaped and its
#: gradient raveled (final43c F43c-7: ``f`` itself fails with data and for a column Variable).
_CALL = ("scipy.optimize.minimize(lambda p: f(*p), x0, method={given!r}, jac=True{more}) with f = "
         "symopt.compile(cost, [x, y]) for scalar Variables x, y: SciPy passes one array p = [x, y], f takes them one "
         "by one and returns the cost and its gradient. With data name the Placeholders, f = symopt.compile(cost, "
         "[x, y], inputs=[X, t]), and pass lambda p: f(*p, X_values, t_values). For one Variable W of any shape "
         "(a (3, 1) column too) pass lambda p: (lambda v, g: (v, np.ravel(g)))(*f(p.reshape(W0.shape), X_values, "
         "t_values)) with f = symopt.compile(cost, W, inputs=[X, t]), W0 the start you gave W and x0 = np.ravel(W0)")
_HESSIAN = ("; it also needs the Hessian: hess=lambda p: H(*p) with H = sympy.lambdify([x, y], symopt.hessian(cost, "
            "[x, y]))")
_CONSTRAINED = ("symopt's methods take no constraints but box bounds: bounds={{w: (low, high)}} with method='lbfgs'. "
                "For {given}'s general constraints run " + _CALL.replace("{more}", ", constraints=..."))
_RUN_BY_SCIPY = ("symopt runs 'lbfgs', 'bfgs', 'newton-cg', 'trust-ncg' and 'newton' itself; for SciPy's {given} run " +
                 _CALL)
#: SciPy's methods symopt does not run → how to run them on symopt's compiled cost and gradient.
SCIPY_ONLY_METHODS = {
    "slsqp": _CONSTRAINED, "trust-constr": _CONSTRAINED, "cobyla": _CONSTRAINED, "cobyqa": _CONSTRAINED,
    **{name: _RUN_BY_SCIPY.replace("{more}", "") for name in ("cg", "nelder-mead", "powell", "tnc")},
    **{name: _RUN_BY_SCIPY.replace("{more}", ", hess=...") + _HESSIAN for name in ("dogleg", "trust-exact",
                                                                                      "trust-krylov")},
}

#: Other libraries' first-order optimizer names → what symopt writes (``optimizer=`` or an optimizer object).
FIRST_ORDER_SPELLINGS = {
    "sgd": ("plain stochastic gradient descent (torch.optim.SGD, optax.sgd, Keras' 'sgd') is optimizer='gd' (with "
            "batch_size= for mini-batches), or symopt.GradientDescent(lr); with momentum it is optimizer='momentum', "
            "or symopt.Momentum(lr, 0.9)"),
    "nesterov": "Nesterov momentum is symopt.Momentum(lr, 0.9, nesterov=True)",
}
