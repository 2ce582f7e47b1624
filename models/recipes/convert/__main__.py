"""CLI: `python3 -m convert <family> CHECKPOINT --config NAME --out DIR` (run from models/recipes/).

Why a single entry point: users look for one command; families share the error handling (ConvertError ->
message on stderr, exit code 2) and the atomic bundle writer. `--list-configs` prints the presets.
"""
import argparse
import sys

import torch

from .errors import ConvertError

FAMILIES = ("giraffe", "mixnmatch", "giraffe-hd")


def parser():
    p = argparse.ArgumentParser(prog="python3 -m convert", description=__doc__)
    p.add_argument("family", choices=FAMILIES)
    p.add_argument("checkpoint", nargs="?", help="upstream checkpoint (.pt / G.pth)")
    p.add_argument("--config", help="preset name, e.g. cars256, cub (see --list-configs)")
    p.add_argument("--out", help="bundle folder to write, e.g. ../giraffe-cars256")
    p.add_argument("--id", help="bundle id (default: the --out folder name)")
    p.add_argument("--name", help="display name")
    p.add_argument("--encoder", help="MixNMatch: E.pth, exported as the bundle's encoder")
    p.add_argument("--inject-index", dest="inject_index", type=int,
                   help="GIRAFFE-HD: style-mixing layer (default: eval.py's, 2 at 256^2, 4 at 512/1024)")
    p.add_argument("--custom-arch", action="store_true",
                   help="accept widths that differ from the config (models trained with other sizes)")
    p.add_argument("--force", action="store_true", help="replace an existing --out folder")
    p.add_argument("--list-configs", action="store_true")
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    torch.set_num_threads(1)
    try:
        if args.family == "giraffe":
            from .giraffe import convert as fam, presets
        elif args.family == "mixnmatch":
            from .mixnmatch import convert as fam, presets
        else:
            from .giraffe_hd import convert as fam, presets
        if args.list_configs:
            for name, p in presets.PRESETS.items():
                title = getattr(p, "title", None) or presets.TITLES.get(name, name)
                print(f"{name:14s} {title}  [{getattr(p, 'checkpoint', None) or '-'}]")
            return 0
        if not args.checkpoint or not args.config or not args.out:
            raise ConvertError("CHECKPOINT, --config and --out are required")
        print(fam.run(args))
        return 0
    except ConvertError as e:
        print(f"convert {args.family}: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
