"""Object colours: a primary colour and a contrasting secondary for the two-tone textures.

The secondary is cream for dark primaries and a dark ink for light ones, so that every texture stays
visible on every colour.  Values are display RGB in [0, 1].
"""
import numpy as np

from .config import COLOURS

_CREAM = (0.95, 0.93, 0.86)
_INK = (0.12, 0.11, 0.16)

_TABLE = {
    "red": ((0.85, 0.13, 0.11), _CREAM),
    "orange": ((0.96, 0.52, 0.10), _INK),
    "yellow": ((0.96, 0.85, 0.18), _INK),
    "green": ((0.16, 0.62, 0.22), _CREAM),
    "cyan": ((0.15, 0.78, 0.82), _INK),
    "blue": ((0.14, 0.26, 0.86), _CREAM),
    "purple": ((0.52, 0.20, 0.72), _CREAM),
    "pink": ((0.96, 0.45, 0.70), _INK),
}
assert tuple(_TABLE) == COLOURS

PRIMARY = np.array([_TABLE[c][0] for c in COLOURS], np.float32)
SECONDARY = np.array([_TABLE[c][1] for c in COLOURS], np.float32)
