/** The rig viewport's public surface: the component and the value types its callbacks carry. */
export { RigPreview, type RigPreviewProps } from './RigPreview';
export type { ObjectKnobValues, OrbitAngles } from './dragMath';
export type { TransformMode } from './modes';
