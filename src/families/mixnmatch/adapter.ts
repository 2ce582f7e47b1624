/**
 * The MixNMatch adapter: background / shape / texture are class knobs with a blend towards a second class
 * (soft one-hot), pose and background noise are seeded latents. It has no 3D rig: `rig` returns null and
 * the rig panel shows `noRigMessage` instead of drawing a camera the model does not have.
 */
import type { FamilyAdapter } from '../types';
import { mixnmatchDefaultState } from './defaults';
import { mixnmatchFeeds } from './feeds';

export const MIXNMATCH_NO_RIG_MESSAGE =
  'MixNMatch models have no 3D camera: the image is set by codes only (shape, texture and background classes, a pose code). Use the knob panel.';

export const mixnmatchAdapter: FamilyAdapter = {
  family: 'mixnmatch',
  defaultState: mixnmatchDefaultState,
  toFeeds: mixnmatchFeeds,
  rig: () => null,
  noRigMessage: () => MIXNMATCH_NO_RIG_MESSAGE,
};
