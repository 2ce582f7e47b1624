"""studio_models: the GIRAFFE-HD-style generator shared by the fixture bundles and the built-in model.

Everything the studio feeds the network is an explicit input tensor (codes, camera matrix, focal length,
object transforms, presence mask, background rotation): nothing is sampled inside the graph, so the
TypeScript adapter fully controls every factor and the exported ONNX graph is deterministic.

Modules (one concern each):
  config    -- GeneratorConfig dataclass (widths, grid, samples, object count, resolution, code dims)
  camera    -- the camera convention: pixel grid -> rays; helpers that build world_mat / rotations
  fields    -- positional encoding, object feature field, background field
  compose   -- bounding-sphere ray intervals, ray culling, sorting-free volume composition
  renderer  -- 2D neural renderer (feature map -> RGB + mask logits)
  generator -- the nn.Module that ties them together (forward takes explicit tensors)
  export    -- ONNX export (opset 17, dynamic "batch" axis) + onnx.checker
  manifest  -- manifest.json writer conforming to src/families/manifest.ts
  pngio     -- tiny PNG writer (no PIL on the Debian python)
"""
from .config import GeneratorConfig
from .generator import Generator, INPUT_NAMES, OUTPUT_NAMES
from .camera import camera_world_matrix, z_rotation, pixel_grid
from .export import export_onnx
from .manifest import build_manifest, write_manifest

__all__ = [
    "GeneratorConfig", "Generator", "INPUT_NAMES", "OUTPUT_NAMES", "camera_world_matrix", "z_rotation",
    "pixel_grid", "export_onnx", "build_manifest", "write_manifest",
]
