import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, minRigFrameMs } from '../../../src/preview/glProbe';

describe('software WebGL detection (the rig throttles itself there)', () => {
  it('recognises the software rasterisers browsers fall back to', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
  });

  it('leaves real GPUs alone', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
  });

  it('caps the rig only in software: ~15 fps while handled, ~5 fps while it mirrors knobs; ?rigms pins it', () => {
    expect(minRigFrameMs(true, true, '')).toBe(66);
    expect(minRigFrameMs(true, false, '')).toBe(200);
    expect(minRigFrameMs(false, false, '')).toBe(0);
    expect(minRigFrameMs(false, true, '')).toBe(0);
    expect(minRigFrameMs(true, false, '?views=1&rigms=40')).toBe(40);
    expect(minRigFrameMs(true, false, '?rigms=garbage')).toBe(200);
  });
});
