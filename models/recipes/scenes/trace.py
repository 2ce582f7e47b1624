"""Sphere tracing of one primitive for many rays at once (numpy, active-set compaction)."""
import numpy as np


def sphere_trace(fn, origins, dirs, t_near, t_far, max_steps=64, eps=1e-3, accept=1e-2):
    """March rays against the SDF ``fn``; all inputs in box coordinates, ``dirs`` unit length.

    origins, dirs: (N, 3) float32; t_near, t_far: (N,) the ray's span inside the shape's bounding
    sphere.  Each step only evaluates the rays still marching (hit when distance < eps, miss when past
    t_far).  Rays still marching after ``max_steps`` graze a silhouette: they count as hits when their
    last distance is below ``accept``.  Returns (hit (N,) bool, t (N,) float32).
    """
    n = len(origins)
    t_all = t_near.astype(np.float32).copy()
    hit = np.zeros(n, bool)
    idx = np.arange(n)
    o, d, t, tf = origins, dirs, t_all.copy(), t_far.astype(np.float32)
    dist = np.full(n, np.inf, np.float32)
    for _ in range(max_steps):
        if idx.size == 0:
            break
        dist = fn(o + t[:, None] * d)
        done = dist < eps
        hit[idx[done]] = True
        t_all[idx[done]] = t[done]
        t = t + dist
        keep = ~done & (t < tf)
        idx, o, d, t, tf, dist = idx[keep], o[keep], d[keep], t[keep], tf[keep], dist[keep]
    if idx.size:
        close = dist < accept
        hit[idx[close]] = True
        t_all[idx[close]] = t[close]
    return hit, t_all
