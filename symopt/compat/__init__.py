"""Compatibility layers: ``symopt.compat.v1`` runs TensorFlow 1.x programs unchanged."""
