"""``tf.GraphKeys``: TF1's names of the standard collections."""

from __future__ import annotations

import difflib

__all__ = ["GraphKeys"]


class _KeyLookup(type):
    """A name ``tf.GraphKeys`` lacks is a typo (symopt has every key TF 2.21 has): TF's ``AttributeError``, with the
    closest key's name (final46a 46a-5; "not supported yet" sent the user looking for a feature)."""

    def __getattr__(cls, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        keys = [key for key in vars(cls) if key.isupper() and not key.startswith("_")]
        same_letters = [key for key in keys if key == name.upper()]  # final46a2 46a2-11: the likeliest slip
        close = same_letters or difflib.get_close_matches(name, keys, n=1)
        hint = f"did you mean tf.GraphKeys.{close[0]}?" if close else f"its keys are {', '.join(sorted(keys))}"
        raise AttributeError(f"type object 'GraphKeys' has no attribute '{name}' ({hint})")


class GraphKeys(metaclass=_KeyLookup):
    """``tf.GraphKeys``: the names of the standard collections (TF 2.21's ``tf.compat.v1.GraphKeys``, each the same
    string; a collection symopt does not fill itself is a user collection: ``tf.add_to_collection`` /
    ``tf.get_collection`` keep what the program puts there)."""

    GLOBAL_VARIABLES = VARIABLES = "variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    GLOBAL_STEP = "global_step"
    LOSSES = "losses"
    REGULARIZATION_LOSSES = "regularization_losses"
    UPDATE_OPS = "update_ops"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    TRAIN_OP = "train_op"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    ACTIVATIONS = "activations"
    ASSET_FILEPATHS = "asset_filepaths"
    BIASES = "biases"
    CONCATENATED_VARIABLES = "concatenated_variables"
    COND_CONTEXT = "cond_context"
    EVAL_STEP = "eval_step"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    LOCAL_RESOURCES = "local_resources"
    MODEL_VARIABLES = "model_variables"
    QUEUE_RUNNERS = "queue_runners"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    READY_OP = "ready_op"
    RESOURCES = "resources"
    SAVEABLE_OBJECTS = "saveable_objects"
    SAVERS = "savers"
    SUMMARY_OP = "summary_op"
    TABLE_INITIALIZERS = "table_initializer"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    WEIGHTS = "weights"
    WHILE_CONTEXT = "while_context"
    _STREAMING_MODEL_PORTS = "streaming_model_ports"  # TF 2.21's private keys, read by some TF1-era utilities
    _SUMMARY_COLLECTION = "_SUMMARY_V2"
    _VARIABLE_COLLECTIONS = [GLOBAL_VARIABLES, LOCAL_VARIABLES, METRIC_VARIABLES, MODEL_VARIABLES, TRAINABLE_VARIABLES,
                             MOVING_AVERAGE_VARIABLES, CONCATENATED_VARIABLES, TRAINABLE_RESOURCE_VARIABLES]
