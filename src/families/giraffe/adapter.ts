/**
 * The GIRAFFE / GIRAFFE-HD adapter. Both families take the same input roles (codes, camera world matrix and
 * focal, object s/t/R/presence, background rotation); the built-in GIRAFFE-HD-style model differs only
 * inside the graph, so one implementation serves both.
 */
import type { FamilyAdapter } from '../types';
import { giraffeDefaultState } from './defaults';
import { giraffeFeeds } from './feeds';
import { giraffeRig } from './rigGeometry';

function makeAdapter(family: 'giraffe' | 'giraffe-hd'): FamilyAdapter {
  return { family, defaultState: giraffeDefaultState, toFeeds: giraffeFeeds, rig: giraffeRig };
}

export const giraffeAdapter: FamilyAdapter = makeAdapter('giraffe');
export const giraffeHdAdapter: FamilyAdapter = makeAdapter('giraffe-hd');
