"""TF1's ops of a graph as ``Graph.get_operations`` and ``as_graph_def`` list them: ``(name, type, input names,
operation)``, a variable as its four ops (``x/initial_value``, ``x``, ``x/Assign``, ``x/read``)."""

from __future__ import annotations

__all__ = ["op_entries", "input_names"]


def op_entries(graph) -> list:
    """``(name, type, input names, operation)`` of every op created in ``graph``, in creation order (the
    session's rebuilt ones left out)."""
    from .graph import Operation, OpHandle
    entries = []
    for node in graph.nodes:
        variable = getattr(node, "view_of", None) is node or getattr(node, "lists_as_variable", False)
        if isinstance(node, Operation) and not variable:  # an assignment is a tensor: its op is node.op
            inputs = node.control_input_names() if node.type == "NoOp" else input_names(node)
            entries.append((node.op.name, node.type, inputs, node.op))
            continue
        if variable:  # a variable or an optimizer's slot variable: TF1's four ops
            name = node.op_name
            initial = getattr(node, "initial_op", None)
            if initial is not None:
                entries.append((initial, "Const", [], OpHandle(initial, "Const")))
            entries.append((name, "VariableV2", [], node.op))  # the variable's own (w.op is this op)
            assign = node.initializer  # TF1's one v/Assign: inputs[1] (HOML's restore_model_params)
            entries.append((f"{name}/Assign", "Assign", [name, *([initial] if initial else [])], assign))
            read = node.snapshot.op if hasattr(node, "snapshot") else \
                OpHandle(f"{name}/read", "Identity", node, [node])
            entries.append((f"{name}/read", "Identity", [name], read))
            continue
        handle = node.op
        constants = _deferred_constants(node) if getattr(node, "deferred", False) else []
        entries.extend((name, "Const", [], OpHandle(name, "Const")) for name in constants)
        entries.append((node.op_name, handle.type, input_names(node) + constants, handle))
    return entries


def input_names(node) -> list:
    """The names of the ops ``node`` reads (a variable's ``x/read``, an assignment's variable ``x`` itself, TF1's
    ref input; a binary op's or an assignment's number, its constant: ``mul/y``, ``Assign/value``)."""
    from .recording import inputs_of
    inputs = getattr(node, "operands", None) or (inputs_of(*node.recipe[1:]) if node.recipe is not None else [])
    ref = getattr(node, "ref", None)
    return [f"{i.op_name}/read" if getattr(i, "view_of", None) is i and i is not ref else
            getattr(i, "op_name", getattr(i, "name", "")) for i in inputs]


def _deferred_constants(node) -> list:
    """The names of the constants TF1 makes for the number operands of a binary op of a placeholder without a shape
    (``x * 2.0``: ``mul/y``), which symopt makes only when a session builds the op (probe11 U3)."""
    if node.recipe is None:  # the placeholder itself
        return []
    op, args, _ = node.recipe
    if getattr(op, "__name__", "") != "binary" or len(args) < 3:
        return []
    return [f"{node.op_name}/{side}" for side, operand in zip("xy", args[1:3])
            if not hasattr(operand, "recipe") and not hasattr(operand, "as_input")]
