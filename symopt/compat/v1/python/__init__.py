"""Mirror of ``tensorflow.python`` import paths that TF1 course code uses (``from tensorflow.python.framework
import ops``)."""
