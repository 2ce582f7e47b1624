"""Checkpoints: atomic writes and everything needed to continue a run exactly.

Why atomic (write to a temp file, fsync, rename): training is killed at arbitrary times on shared
machines; a half-written checkpoint must never replace a good one.
A checkpoint holds: generator + code tables, their EMA copies, the optimizer, the step, wall time spent,
the torch RNG state and the numpy batch-sampler state, the run's config. Batches are drawn from the
shards loaded at the time, so a resume replays exactly only when the same shards exist (they do once the
dataset is complete).
"""
import os
import time

import torch


def save(path: str, obj: dict) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load(path: str) -> dict:
    if not os.path.exists(path):
        raise SystemExit(f"error: checkpoint {path} not found")
    return torch.load(path, map_location="cpu")


def slim(ck: dict) -> dict:
    """The part needed to export or fine-tune (weights, EMA, config, step), without optimizer state."""
    keep = ("config", "train_args", "gen", "codes", "ema_gen", "ema_codes", "step", "elapsed_s", "history")
    return {k: ck[k] for k in keep if k in ck}


class Autosave:
    """A training loop's wall-clock duties, checked once a step: save every `every_minutes` (so a killed run
    loses at most that much) and stop after `max_minutes` (None: never), saying so. The loop saves once more
    after it ends."""

    def __init__(self, save_fn, every_minutes: float, max_minutes, say):
        self.save_fn, self.every_s, self.say = save_fn, every_minutes * 60, say
        self.max_minutes = max_minutes
        self.started = self.last_save = time.time()

    def should_stop(self) -> bool:
        if time.time() - self.last_save > self.every_s:
            self.save_fn()
            self.last_save = time.time()
        if self.max_minutes is not None and time.time() - self.started > self.max_minutes * 60:
            self.say(f"stopping after --max-minutes {self.max_minutes}")
            return True
        return False
