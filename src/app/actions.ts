/**
 * What the UI may ask of the studio. The UI calls these; the controller (src/app/controller.ts) implements
 * them with the engine, adapters and stores. Keeps React components free of ONNX and of model families.
 */
import { createContext, useContext } from 'react';
import type { ProviderPreference } from '../engine/protocol';

export interface StudioActions {
  /** Open a built-in model from the catalog by id. */
  openCatalogModel(id: string): Promise<void>;
  /** Open a user bundle from dropped/picked files (manifest.json + ONNX files, possibly a whole folder). */
  openBundleFiles(files: File[]): Promise<void>;
  /** Open a bundle from a URL (folder URL containing manifest.json). */
  openBundleUrl(url: string): Promise<void>;
  /** Restore a state from a studio PNG (or a .json preset). */
  openStateFile(file: File): Promise<void>;
  /** Save the current image as a PNG carrying the full StudioState. */
  saveImage(): Promise<void>;
  /** New random seeds for one factor; `path` like "codes.background", "objects.0.codes.shape", "camera", "objects.0.pose". */
  randomize(path: string): void;
  /** Back to the manifest default for one factor (same path syntax). */
  resetFactor(path: string): void;
  setProviderPreference(preference: ProviderPreference): Promise<void>;
  /** Copy a link that reproduces the current image. */
  copyLink(): Promise<void>;
}

export const StudioActionsContext = createContext<StudioActions | null>(null);

export function useStudioActions(): StudioActions {
  const actions = useContext(StudioActionsContext);
  if (!actions) throw new Error('useStudioActions outside <StudioActionsContext.Provider>');
  return actions;
}
