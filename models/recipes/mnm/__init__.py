"""The built-in MixNMatch-style model: data layout, generator + encoder, training, export, eval.

Run from models/recipes/ with /usr/bin/python3; see mnm/README.md.
"""
