import torch, numpy as np
torch.set_num_threads(1)
from train import ckpt as ckpt_io
from mnm.model import Generator, one_hot
from mnm import factors as fx
from mnm.train import load_split_with_gbuffers, to_batch, gen_inputs
from train.metrics import psnr
from scenes import palette
ck = ckpt_io.load('runs/mnm/ckpt.pt')
print('step', ck['step'])
g = Generator(**ck['config']); g.load_state_dict(ck['ema_gen']); g.eval()
print('primary\n', g.primary.data.numpy().round(2)); print('palette primary\n', palette.PRIMARY.round(2))
print('secondary\n', g.secondary.data.numpy().round(2))
d = load_split_with_gbuffers('data/single', 'test_seen', limit=200)
rgb, mask, codes, gbuf = to_batch(d, np.arange(200))
with torch.no_grad():
    out = g(*gen_inputs(codes))
    ps = psnr(out['image'], rgb, mask)
    # painter on true gbuffers, full image
    alb = g.albedo(gbuf['box'], one_hot(codes['c'], fx.N_C))
    pred = alb * gbuf['diffuse'] + gbuf['spec']
    full = (mask > 0.99).float()
    err = ((pred - rgb).abs() * full).sum((1,2,3)) / (3 * full.sum((1,2,3)).clamp_min(1))
for k in range(fx.N_PATTERNS):
    sel = codes['pattern'] == k
    print(k, 'n', int(sel.sum()), 'psnr_obj %.2f' % ps[sel].mean(), 'paint L1 on true gbuf %.4f' % err[sel].mean())
