"""Writing a bundle atomically: everything goes into a temporary sibling folder that is renamed at the end.

Why: a failed export (bad weights, ONNX checker, disk full) must never leave a half-written models/<id>/
that the studio would then try to load. An existing --out folder is replaced only after the new one is
complete.
"""
import contextlib
import json
import os
import shutil
import tempfile

from .errors import ConvertError


@contextlib.contextmanager
def atomic_bundle_dir(out: str, overwrite: bool):
    """Yield a temp folder next to `out`; on success rename it to `out`, on any error delete it."""
    out = os.path.abspath(out.rstrip("/"))
    if os.path.exists(out) and not overwrite:
        if not os.path.isdir(out) or os.listdir(out):
            raise ConvertError(f"{out} exists and is not empty; pass --force to replace it")
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.", suffix=".partial", dir=parent)
    try:
        os.chmod(tmp, 0o755)
        yield tmp
        if os.path.exists(out):
            old = out + ".old"
            shutil.rmtree(old, ignore_errors=True)
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_json(path: str, obj) -> None:
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def rng(lo, hi, default):
    """A manifest range {min, max, default}, rounded so knobs show 0.3 rather than 0.30000000000000004."""
    r = lambda x: round(float(x), 6)
    return {"min": r(lo), "max": r(hi), "default": r(default)}
