"""train: the recipe that trains, evaluates and exports the built-in model (scenes-giraffe-hd-128).

Run everything from models/recipes/ with /usr/bin/python3 (Debian torch 1.13, CPU):

    python -m train.giraffe --run runs/main --data data/v1            # train the generator (resumable)
    python -m train.encoder --run runs/main --data data/v1            # train the encoder (uses the generator)
    python -m train.eval    --run runs/main --data data/v1 --out ../scenes-giraffe-hd-128
    python -m train.export  --run runs/main --data data/v1 --out ../scenes-giraffe-hd-128

Modules (one concern each):
  env        -- thread settings for the shared 2-core machines (import first)
  factors    -- dataset factors -> the generator's explicit input tensors (the convention bridge)
  codebook   -- learnable per-class code tables (shape, colour + texture, background)
  presets    -- the generator configs (built-in size, smoke-test size)
  data       -- shard pool that grows while the dataset is still being built; validation batch
  losses     -- reconstruction, gradient, mask and random-feature perceptual losses
  metrics    -- PSNR / SSIM (whole image and object pixels)
  ckpt       -- atomic checkpoints, exact resume
  giraffe    -- generator training CLI
  encoder_model / encoder -- the image -> factors encoder and its training CLI
  eval       -- metrics + knob sweeps CLI
  bundle / export -- the models/<id>/ bundle (ONNX, manifest, codes.json, card)
"""
