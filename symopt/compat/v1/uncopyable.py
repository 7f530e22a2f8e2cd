"""Graph objects (tensors, variables, operations, graphs, sessions, optimizers) are not copied or pickled: TF1
raises ``TypeError: cannot pickle 'Tensor' object`` at ``pickle.dumps`` and ``copy.deepcopy`` alike, and a copy
would be a node of no graph (probe46 P46-4: the copy failed later, at ``Session.run``, with advice that did not
fit).  :class:`NotCopied` raises a typed error at the copy, saying how to keep values instead."""

from __future__ import annotations

from ...errors import UnsupportedOperationError

__all__ = ["NotCopied"]


class NotCopied:
    """A mixin: ``pickle``, ``copy.copy`` and ``copy.deepcopy`` raise
    :class:`~symopt.errors.UnsupportedOperationError` (a ``TypeError``, as TF1's)."""

    __slots__ = ()

    #: The TF1 class the refusal names (``Operation``, ``Tensor``): by default the class's own name (``Variable``,
    #: ``Graph``, ``Session``, ``AdamOptimizer``), which TF1 shares.
    tf1_kind = None

    def __reduce_ex__(self, protocol):
        kind = self.tf1_kind or type(self).__name__
        raise UnsupportedOperationError(
            f"cannot pickle or copy a symopt.compat.v1 {kind} (TF1 raises TypeError here too): graph objects "
            "belong to their graph and session. Keep values instead: save the variables with "
            "tf.train.Saver().save(sess, path) and restore them into a graph built again by the same code, or fetch "
            "arrays (variable.eval(), sess.run(tensor)) and pickle those")

    def __deepcopy__(self, memo):
        return self.__reduce_ex__(4)

    def __copy__(self):
        return self.__reduce_ex__(4)
