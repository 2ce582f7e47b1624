"""Build the generator + code tables of a run, and load them from a checkpoint (EMA weights by default).

Why EMA for export: an exponential moving average of the weights is a smoothed model that is usually
sharper-on-average and less noisy than the last Adam iterate; the run keeps both and exports the EMA.
"""
import copy

import torch

from scenes import config as scene_config
from studio_models import Generator, GeneratorConfig
from .codebook import CodeBook


def build(cfg: GeneratorConfig):
    gen = Generator(cfg)
    codes = CodeBook(len(scene_config.SHAPES), len(scene_config.COLOURS), len(scene_config.TEXTURES),
                     len(scene_config.BACKGROUNDS), cfg.z_shape_dim, cfg.z_app_dim, cfg.z_bg_dim, seed=cfg.seed)
    return gen, codes


def from_checkpoint(ck: dict, ema: bool = True):
    cfg = GeneratorConfig(**ck["config"])
    gen, codes = build(cfg)
    use_ema = ema and ck.get("ema_gen") is not None
    gen.load_state_dict(ck["ema_gen"] if use_ema else ck["gen"])
    codes.load_state_dict(ck["ema_codes"] if use_ema else ck["codes"])
    return cfg, gen.eval(), codes.eval()


class EMA:
    """EMA of a module's parameters (buffers are copied)."""

    def __init__(self, module, decay):
        self.decay = decay
        self.shadow = copy.deepcopy(module).eval()
        for p in self.shadow.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, module, decay=None):
        d = self.decay if decay is None else decay
        for s, p in zip(self.shadow.parameters(), module.parameters()):
            s.mul_(d).add_(p.detach(), alpha=1.0 - d)
