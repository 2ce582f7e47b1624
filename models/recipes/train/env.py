"""Thread settings for the shared 2-core machines; import before torch does any work.

Why: this torch build defaults to 1 thread, and OpenBLAS/OpenMP pools competing with torch's own made a
step 5x slower (PROBES.md). Two torch threads, single-threaded BLAS, passive OpenMP waits.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import torch  # noqa: E402


def setup(threads: int = 2):
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", threads)))
    return torch
