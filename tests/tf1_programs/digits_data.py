"""Small MNIST-like data for the TF1 programs: scikit-learn's 8x8 digits (bundled, no download)."""
import numpy as np
from sklearn.datasets import load_digits


def load(one_hot=True):
    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    labels = digits.target
    if one_hot:
        labels = np.eye(10, dtype=np.float32)[labels]
    return images[:1500], labels[:1500], images[1500:], labels[1500:]
