"""Synthetic 3D scenes for the built-in GIRAFFE-style model.

A vectorised numpy SDF sphere tracer renders 1-2 textured primitives resting on a ground plane under a
sky, seen from a camera on a sphere in the GIRAFFE convention (world up +z, see ``camera.py``). Every
image is stored with all of its factors, so a trained generator can be measured knob by knob against
the true render.

Modules, one concern each:
    config       ranges, class names, held-out pairs (exported as JSON)
    camera       camera pose and THE pixel -> ray mapping
    shapes       signed distance functions of the primitives, in box coordinates
    palette      object colours (primary + secondary for two-tone textures)
    textures     object-space procedural textures
    backgrounds  sky gradients and ground patterns
    trace        sphere tracing of one primitive for many rays
    render       a batch of scenes -> RGB + masks (2x2 supersampled)
    sampling     factors per split (train / test_seen / test_unseen)
    shards       shard file layout, writing and loading
    build        the dataset builder CLI (``python -m scenes.build``)
    contact      contact-sheet PNG of a dataset
"""
