/** Loads the GIRAFFE fixture bundles' manifests and reference inputs (models/fixture-giraffe-*). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestSchema, type Manifest } from '../../../src/families/manifest';

const root = resolve(__dirname, '../../..');

export const FIXTURE_IDS = ['fixture-giraffe-tiny', 'fixture-giraffe-duo'] as const;

export function loadManifest(id: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(resolve(root, 'models', id, 'manifest.json'), 'utf8')));
}

export interface ReferenceCase {
  name: string;
  params: {
    camera: { azimuthDeg: number; elevationDeg: number; radius: number; fovDeg: number };
    objects: { translation: [number, number, number]; scale: [number, number, number]; rotationDeg: number; present: boolean }[];
    backgroundRotationDeg?: number;
  };
  inputs: Record<string, { dims: number[]; data: number[] }>;
}

export function loadReference(id: string): { cases: ReferenceCase[] } {
  return JSON.parse(readFileSync(resolve(root, 'tests/fixtures', `${id}.reference.json`), 'utf8'));
}
