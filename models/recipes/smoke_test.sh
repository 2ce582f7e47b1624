#!/usr/bin/env bash
# Recipe smoke test for CI (< 3 min on 2 cores): tiny dataset -> a few generator and encoder steps -> eval ->
# export -> the bundle runs in onnxruntime-web (WASM, Node) and matches PyTorch within 1e-4; the manifest
# parses with the studio's zod schema; bad settings are refused. Exits non-zero on any failure.
#   models/recipes/smoke_test.sh            (from anywhere; KEEP=1 keeps the temp folder)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE PYTHONDONTWRITEBYTECODE=1
T="$(mktemp -d /tmp/recipe-smoke.XXXXXX)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$T"' EXIT
step() { echo "== $*"; }
expect_fail() {  # command must exit non-zero and print "error:"
  local out
  if out="$("$@" 2>&1)"; then echo "expected failure: $*"; exit 1; fi
  echo "$out" | grep -q "error" || { echo "no clear error message from: $*"; echo "$out"; exit 1; }
}

step "unit tests: scene renderer, sub-pixel upsample conv, deferred shading, analytic light, ground atlas, composition and culling, encoder crop windows, pose window crop / paste"
$PY -m unittest -q scenes.test_scenes studio_models.test_upconv studio_models.test_deferred studio_models.test_lighting studio_models.test_painters studio_models.test_ground_atlas studio_models.test_compose \
    train.test_windows mnm.test_factors 2>&1 | tail -3

step "dataset (64 train + 8 + 8 images, 64x64)"
$PY -m scenes.build --out "$T/data" --count 64 --test-seen 8 --test-unseen 8 --res 64 --workers 1 --shard-size 32 | tail -1
step "conventions: generator rays vs true object masks"
$PY -m train.check_conventions --data "$T/data" --n 64
step "generator (deferred painters): refused without G-buffers, then 2 painter-only + 4 joint steps"
expect_fail $PY -m train.giraffe --run "$T/run_nogb" --data "$T/data" --preset smoke64 --steps 1
$PY -m scenes.gbuffers --data "$T/data" --workers 1 | tail -1
$PY -m train.giraffe --run "$T/run" --data "$T/data" --preset smoke64 --batch 4 --steps 6 --painter-steps 2 \
    --perc-from 3 --warmup 2 --val-n 4 --val-every 6 --log-every 2 | tail -3
step "resume: 2 more steps"
$PY -m train.giraffe --run "$T/run" --data "$T/data" --resume --steps 8 | tail -1
step "encoder: 3 steps"
$PY -m train.encoder --run "$T/run" --data "$T/data" --batch 4 --steps 3 --width 0.25 --val-every 3 --log-every 1 | tail -2
step "encoder continued in a run of its own on the first run's renders (--generator)"
expect_fail $PY -m train.encoder --run "$T/enc2" --data "$T/data" --generator "$T/nope.pt" --steps 1
$PY -m train.encoder --run "$T/enc2" --data "$T/data" --generator "$T/run/ckpt.pt" --init-from "$T/run/encoder.pt" \
    --batch 4 --steps 2 --width 0.25 --val-every 2 --log-every 1 | tail -1
step "eval"
$PY -m train.eval --run "$T/run" --data "$T/data" --out "$T/bundle" --n 8 | tail -2
step "export"
$PY -m train.export --run "$T/run" --data "$T/data" --out "$T/bundle" --overwrite
step "bundle parity in onnxruntime-web"
node "$HERE/tools/check_bundle.mjs" "$T/bundle" "$T/run/bundle_reference.json"
step "manifest against the studio schema"
"$ROOT/node_modules/.bin/tsx" "$HERE/tools/check_manifest.ts" "$T/bundle/manifest.json"
$PY - "$T/bundle" <<'PYEOF'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "metrics.json")))
for s in ("seen", "unseen"):
    assert all(k in m[s] for k in ("psnr", "psnr_object", "ssim")), m[s]
assert "accuracy" in m["encoder"] and "azimuth_error_deg" in m["encoder"], m.get("encoder")
c = json.load(open(os.path.join(d, "codes.json")))
assert len(c["factors"]["shape"]) == 7 and len(c["factors"]["texture"]) == 40 and len(c["factors"]["background"]) == 8
size = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
assert size <= 20 * 1024 * 1024, size
print(f"bundle files ok ({size / 1e6:.2f} MB): " + ", ".join(sorted(os.listdir(d))))
PYEOF
step "MixNMatch-style model: single-object dataset + G-buffers, 4 steps, resume, export, eval, parity, schema"
$PY -m scenes.build --out "$T/single" --layout single --count 32 --test-seen 8 --test-unseen 8 --res 64 --workers 1 \
    --shard-size 32 | tail -1
expect_fail $PY -m mnm.train --run "$T/mnm_nogb" --data "$T/single" --preset smoke64 --steps 1   # no G-buffers yet
$PY -m scenes.gbuffers --data "$T/single" --workers 1 | tail -1
$PY -m mnm.train --run "$T/mnm" --data "$T/single" --preset smoke64 --batch 4 --enc-batch 4 --steps 3 --val-n 4 | tail -1
$PY -m mnm.train --run "$T/mnm" --data "$T/single" --resume --steps 4 --child-steps 2 --encoder-steps 2 | tail -1
$PY -m mnm.export --run "$T/mnm" --out "$T/mnm_bundle" --no-fixture
$PY -m mnm.eval --run "$T/mnm" --data "$T/single" --out "$T/mnm_bundle" --n 8 --mix 6 --no-fixture | tail -1
node "$HERE/tools/check_bundle.mjs" "$T/mnm_bundle" "$T/mnm/bundle_reference.json"
"$ROOT/node_modules/.bin/tsx" "$HERE/tools/check_manifest.ts" "$T/mnm_bundle/manifest.json"
$PY - "$T/mnm_bundle" <<'PYEOF'
import json, os, sys
m = json.load(open(os.path.join(sys.argv[1], "metrics.json")))
for s in ("seen", "unseen", "mix"):
    assert all(k in m[s] for k in ("psnr", "psnr_object", "ssim")), m[s]
assert set(m["encoder"]["accuracy"]) >= {"background", "shape", "texture"}, m["encoder"]
assert os.path.getsize(os.path.join(sys.argv[1], "README.md")) > 1000
print("mnm bundle ok: " + ", ".join(sorted(os.listdir(sys.argv[1]))))
PYEOF

step "bad settings are refused"
expect_fail $PY -m mnm.train --run "$T/mnm" --data "$T/single" --preset smoke64                # run exists, no --resume
expect_fail $PY -m mnm.train --run "$T/mnm2" --data "$T/data" --preset smoke64               # 3D layout data
expect_fail $PY -m scenes.build --out "$T/bad" --count 8 --res 64 --layout nope             # unknown layout
expect_fail $PY -m train.export --run "$T/run" --data "$T/data" --out "$T/bundle"          # finished bundle
expect_fail $PY -m train.giraffe --run "$T/run" --data "$T/data"                            # run exists, no --resume
expect_fail $PY -m train.giraffe --run "$T/run2" --data "$T/data" --preset nope             # unknown preset
expect_fail $PY -m train.giraffe --run "$T/run3" --data "$T/data" --preset hd128            # 64x64 data, 128 model
expect_fail $PY -m scenes.build --out "$T/bad" --count 8 --res 64 --shapes sphere,blob      # unknown shape
expect_fail $PY -m scenes.build --out "$T/bad" --count 0 --res 64                           # empty split
mkdir -p "$T/empty/train" && cp "$T/data/config.json" "$T/empty/"
expect_fail $PY -m train.giraffe --run "$T/run4" --data "$T/empty" --preset smoke64         # no shards
echo "smoke test passed"
