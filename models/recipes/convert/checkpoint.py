"""Reading checkpoint files safely and comparing state dicts with what a module expects.

Why separate: every family needs the same three things: a torch.load that turns a truncated or foreign file
into a clear message, `module.` prefixes (DataParallel) stripped, and missing / unexpected / mis-shaped keys
named in the error rather than left to load_state_dict's wall of text.
"""
import os
import zipfile

import torch

from .errors import ConvertError


def load_file(path: str):
    """torch.load on CPU, with a readable error for missing, empty, truncated or non-torch files."""
    if not os.path.isfile(path):
        raise ConvertError(f"checkpoint not found: {path}")
    if os.path.getsize(path) == 0:
        raise ConvertError(f"checkpoint is empty: {path}")
    try:
        return torch.load(path, map_location="cpu")
    except (RuntimeError, EOFError, zipfile.BadZipFile, OSError, ValueError) as e:
        raise ConvertError(f"cannot read {path} as a PyTorch checkpoint (truncated or not a .pt/.pth file?): "
                           f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from None
    except ModuleNotFoundError as e:
        raise ConvertError(f"{path} pickles Python objects from module '{e.name}' (a whole model, or custom CUDA op "
                           "state such as GIRAFFE-HD's op/ extensions), which cannot be loaded without that code; "
                           "re-save it as state dicts, e.g. torch.save({'g_ema': g_ema.state_dict(), 'args': args}, ...)"
                           ) from None
    except Exception as e:  # pickle errors from foreign files
        raise ConvertError(f"cannot read {path} as a PyTorch checkpoint: {type(e).__name__}: {e}") from None


def strip_prefix(sd: dict, prefix: str = "module.") -> dict:
    """Remove a DataParallel prefix from every key that has it."""
    return {(k[len(prefix):] if k.startswith(prefix) else k): v for k, v in sd.items()}


def sub_dict(sd: dict, prefix: str) -> dict:
    """Keys under `prefix` (e.g. 'generator_test.'), with the prefix and any `module.` after it removed."""
    return strip_prefix({k[len(prefix):]: v for k, v in sd.items() if k.startswith(prefix)})


def _short(keys, n=8):
    keys = sorted(keys)
    more = f" (+{len(keys) - n} more)" if len(keys) > n else ""
    return ", ".join(keys[:n]) + more


def check_keys(module: torch.nn.Module, sd: dict, what: str) -> None:
    """Raise ConvertError naming missing, unexpected and mis-shaped keys; do nothing when they all agree."""
    want = module.state_dict()
    missing = [k for k in want if k not in sd]
    extra = [k for k in sd if k not in want]
    shapes = [f"{k} {tuple(sd[k].shape)} != {tuple(want[k].shape)}" for k in want
              if k in sd and tuple(sd[k].shape) != tuple(want[k].shape)]
    problems = []
    if missing:
        problems.append(f"missing keys: {_short(missing)}")
    if extra:
        problems.append(f"unexpected keys: {_short(extra)}")
    if shapes:
        problems.append(f"shape mismatch (checkpoint != expected): {_short(shapes, 4)}")
    if problems:
        raise ConvertError(f"{what}: the state dict does not fit the model; " + "; ".join(problems))
