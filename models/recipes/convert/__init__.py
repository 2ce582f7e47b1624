"""Upstream checkpoint -> studio bundle converters (GIRAFFE, MixNMatch).

Why a package of our own modules rather than the upstream code: the converter must run with Debian's
python3-torch alone (no CUDA, no kornia, no scipy, no upstream checkout), and the exported graph must avoid
the upstream export hazards (cumprod, masked assignment, host-side sampling, .cuda()). The modules here load
the upstream state dicts by their parameter names and re-implement the forward pass in an exportable form.
Run: `cd models/recipes && /usr/bin/python3 -m convert --help`.
"""
