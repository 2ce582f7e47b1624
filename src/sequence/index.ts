/** PNG sequences: spec, interpolation, frame sampling, rendering and writers (no React, no DOM globals). */
export * from './spec';
export { parseSequenceSpec, parseSequenceSpecText, checkSpecFitsManifest } from './parseSpec';
export { ease, EASINGS } from './easing';
export { lerpAngle, shortestDelta } from './angles';
export { interpolateState } from './interpolateState';
export { asKeyframes, frameStates, stateAtFrame } from './sampling';
export { sweepableKnobs, isAnglePath, type SweepableKnob } from './knobs';
export { applyTracks, sweepToKeyframes } from './sweep';
export { presetsFor, type Preset, type PresetId } from './presets';
export { upscale } from './upscale';
export { encodeFrameJob, inThreadEncoder, type EncodedFrame, type FrameEncoder, type FrameJob } from './encoder';
export { frameName, SEQUENCE_JSON, sequenceRecord, type SequenceRecord } from './record';
export { exportSize, renderFrames, type RenderedFrame, type SequenceModel } from './renderFrames';
export { memoryByteSink, type ByteSink, type SequenceSink } from './sinks';
export { zipSink } from './zipSink';
export { folderSink, type DirectoryLike, type WritableLike } from './folderSink';
export { ProgressMeter, type ExportProgress } from './progress';
export { exportSequence, type CancelMode, type ExportOptions, type ExportResult } from './exportSequence';
