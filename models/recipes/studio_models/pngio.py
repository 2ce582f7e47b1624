"""Minimal PNG writer (stdlib zlib): the Debian python has no PIL, and sample images need no more."""
import struct
import zlib


def write_png(path: str, img) -> None:
    """img: tensor/array [3,H,W] (or [H,W,3]) floats in [0,1] -> 8-bit RGB PNG."""
    import torch
    t = torch.as_tensor(img).detach().float()
    if t.shape[0] == 3 and t.ndim == 3:
        t = t.permute(1, 2, 0)
    h, w, _ = t.shape
    px = (t.clamp(0, 1) * 255.0 + 0.5).to(torch.uint8).numpy() if hasattr(t, "numpy") else t
    raw = b"".join(b"\x00" + px[y].tobytes() for y in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)
