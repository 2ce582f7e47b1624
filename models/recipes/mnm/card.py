"""README.md model card of the MixNMatch-style bundle, generated from the checkpoint and metrics.json.

Why generated: the card's numbers must be the ones the eval measured on the exported weights.
"""
import os

from train.card import _machine

from . import factors as fx
from .train import CHILD_BATCH, CHILD_PIXELS, ENCODER_PHASE_LR


def _f(x, nd=2):
    return "n/a" if x is None else f"{x:.{nd}f}"


def write_card(out_dir, ck, metrics, gen):
    seen, unseen, mix, mt = metrics["seen"], metrics["unseen"], metrics["mix"], metrics["mix_true_codes"]
    enc = metrics["encoder"]
    size = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir)
               if os.path.isfile(os.path.join(out_dir, f)))
    hist = ck.get("history", [])
    acc_rows = "\n".join(
        f"| {k} | {enc['seen']['accuracy'][k] * 100:.1f}% | {enc['unseen']['accuracy'][k] * 100:.1f}% |"
        for k in enc["unseen"]["accuracy"])
    pairs = "\n".join(f"| {k} | {v['n']} | {_f(v['psnr'])} | {_f(v['psnr_object'])} |"
                      for k, v in metrics.get("unseen_by_pair", {}).items())
    n_params = sum(p.numel() for p in gen.parameters())
    targs = ck["train_args"]
    child_steps, enc_steps = targs.get("child_steps", 0), targs.get("encoder_steps", 0)
    phase_args = (f" --child-steps {child_steps}" if child_steps else "") + \
        (f" --encoder-steps {enc_steps}" if enc_steps else "")
    phases = (f" Then {child_steps} child-stage-only steps on the true G-buffers ({CHILD_BATCH} images x "
                 f"{CHILD_PIXELS} object pixels a step, Adam from {targs['lr']:g}, the same decay)." if child_steps else "")
    phases += (f" Then {enc_steps} encoder-only steps on the finished generator's renders (Adam from "
                  f"{ENCODER_PHASE_LR * targs['lr']:g}, the same decay)." if enc_steps else "")
    text = f"""# scenes-mixnmatch-128

A MixNMatch-style hierarchical generator (FineGAN stages) with encoders, trained on this machine from
scratch. Four codes: **background** b (8 classes), **shape** p (7), **texture** c (40 = 5 patterns x
8 colours, named "checker red") and a 5-D **pose** code z (object yaw, scale and position on the ground).

## Data
The built-in 3D model's scene renderer (`models/recipes/scenes`), layout `single`: one object on the
ground, one fixed camera (azimuth {fx.CAMERA['azimuth_deg']:g} deg, elevation {fx.CAMERA['elevation_deg']:g} deg,
radius {fx.CAMERA['radius']:g}, fov {fx.CAMERA['fov_deg']:g} deg), translation x, y in [{fx.XY_LO}, {fx.XY_HI}],
scale in [{fx.SCALE_LO}, {fx.SCALE_HI}], yaw in [0, 360). 24,000 training images; test_seen and test_unseen
1,000 each. Held-out pairings (shape x pattern, pattern x background, shape x background; see
`scenes/config.py`) never occur in training; every test_unseen image has one.

## Model
- background stage: one learned 128x128 image per class (the camera is fixed, so a class is one image),
  mixed by the soft one-hot b;
- parent (shape) stage: (p, pose) -> 4x4 -> upsampling convs with coordinate channels -> a 64x64 object
  crop of G-buffers: mask, the box-space point each pixel shows, diffuse and specular light terms (fitted to
  the renderer's own G-buffers, `scenes/gbuffers.py`);
- child (texture) stage: a per-pixel MLP on (pattern code, Fourier features of the box point) -> the
  weight w of the texture's second colour; albedo = primary + (secondary - primary) x w with the colour
  class's two learned colours; colour = albedo x diffuse + specular, drawn through the parent's mask. It
  never sees the shape, so a pattern is painted on a shape it was never trained on as on the others, and
  each pattern's field is learned from all eight colours' images;
- crops are placed by the closed-form window of the pose (fixed camera projection) with two bilinear
  matmuls; composite: child over parent over background (FineGAN order).
- in the exported graph the painter runs only on crop pixels the shape's mask covers (mask > 1e-5; others
  get w = 0, which changes the image by at most 1.2e-5): `mnm/cull.py`, applied by `mnm.export`.
- encoder, two stages: a 10-conv CNN with coordinate channels reads the background and the object's scale
  and position (pose code z[2:5]); the object's window at that pose (the generator's own placement) is cut
  out with two bilinear matmuls into a 64x64 object-centred crop, from which an 8-conv CNN reads shape,
  colour, pattern and yaw; texture probability = colour x pattern.
Generator {n_params / 1e6:.2f} M parameters. Bundle {size / 1e6:.1f} MB (generator + encoder + samples).

## Recipe (from `models/recipes/`, `/usr/bin/python3`, 2 CPU cores)
```sh
python -m scenes.build --out data/single --layout single --count 24000 --test-seen 1000 --test-unseen 1000 --res 128 --workers 2 --seed 0
python -m scenes.gbuffers --data data/single --workers 2
nohup python -m mnm.train --run runs/mnm --data data/single --steps {ck['train_args']['steps']}{phase_args} > runs/mnm.out 2>&1 &
python -m mnm.export --run runs/mnm --out ../scenes-mixnmatch-128 --overwrite
python -m mnm.eval --run runs/mnm --data data/single --out ../scenes-mixnmatch-128
node tools/check_bundle.mjs ../scenes-mixnmatch-128 runs/mnm/bundle_reference.json
```
Trained {targs['steps']} joint steps (generator batch {ck['train_args']['batch']}, encoder batch
{ck['train_args']['enc_batch']}, Adam {ck['train_args']['lr']:g}, 10x decay over the last 30%).{phases} In all
{ck['elapsed_s'] / 3600:.2f} h on a {_machine()}. Supervised: L1 + MSE on the image (object pixels x5),
BCE on the shape mask, L1 of the parent stage's G-buffers against the renderer's, L1 of the child stage
painting the renderer's true G-buffers (256 object pixels per image) plus a BCE of its weight field's logits
against the weight each of those pixels shows (its albedo placed between the class's two colours), L1 of the background stage on
background pixels; encoder: cross-entropy per class factor + MSE on the pose code, and from step 1000 half of
each encoder batch is generator renders of random codes (every combination, held-out ones included); the
crop stage is trained on crops cut half at the true pose plus noise (std 0.15 on z[2:5], about the global
stage's error), half at the global stage's own estimate, which is what it gets at test time.
{"Changes during the run: " + "; ".join(ck["notes"]) + "." if ck.get("notes") else ""}

## Metrics ({metrics['weights']})
Generator fed the true codes vs the renderer's image (128x128):

| split | n | PSNR | PSNR object | PSNR background | SSIM | SSIM object |
| --- | --- | --- | --- | --- | --- | --- |
| seen | {seen['n']} | {_f(seen['psnr'])} | {_f(seen['psnr_object'])} | {_f(seen['psnr_background'])} | {_f(seen['ssim'], 3)} | {_f(seen['ssim_object'], 3)} |
| unseen combinations | {unseen['n']} | {_f(unseen['psnr'])} | {_f(unseen['psnr_object'])} | {_f(unseen['psnr_background'])} | {_f(unseen['ssim'], 3)} | {_f(unseen['ssim_object'], 3)} |

Unseen, by held-out pair kind:

| pair | n | PSNR | PSNR object |
| --- | --- | --- | --- |
{pairs}

Encoder accuracy:

| factor | seen | unseen |
| --- | --- | --- |
{acc_rows}

Pose (unseen): yaw error median {_f(enc['unseen']['yaw_error_deg'], 1)} deg (mean
{_f(enc['unseen']['yaw_error_mean_deg'], 1)}), scale error {_f(enc['unseen']['scale_error'], 3)},
translation error {_f(enc['unseen']['translation_error'], 3)} world units.

Mixing four held-out images (background / shape / texture / pose from four different test_unseen images,
read by the encoder) vs the true render of that combination, {mix['n']} mixes
({mix['held_out_combinations']} of them held-out combinations): PSNR {_f(mix['psnr'])}, object
{_f(mix['psnr_object'])}, SSIM {_f(mix['ssim'], 3)}; from the true codes instead of the encoder's:
PSNR {_f(mt['psnr'])}, object {_f(mt['psnr_object'])}. Examples: `mix_examples.png` (top: mixed, bottom: truth).

## Limits
- One fixed camera: the studio shows no 3D rig for this model (MixNMatch has no camera); backgrounds do not
  vary within a class.
- Pose code: z[0:2] is a direction (its length is ignored; truncation towards 0 makes the yaw undefined near 0);
  z[2:5] pass through the normal CDF, so values past +-3 change almost nothing.
- Textures are the 40 trained (pattern, colour) pairs; blends between classes are soft one-hots, which the
  model never saw in training (they look like cross-fades, not new textures).
- Synthetic data only; no claim about photos.

Sweeps: `sweep_shape.png`, `sweep_texture.png`, `sweep_background.png`, `sweep_pose.png`. Licence: MIT.
"""
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(text)
