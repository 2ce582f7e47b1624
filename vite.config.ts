import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { modelsPlugin } from './scripts/vite/modelsPlugin.ts';

/**
 * Cross-origin isolation (COOP + COEP) lets onnxruntime-web use WASM threads (SharedArrayBuffer).
 * The same headers are set for dev and preview; a static host must set them too (README).
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The model the studio opens first. Switch to the trained built-in bundle once it lands. */
export const DEFAULT_MODEL_ID = process.env.STUDIO_DEFAULT_MODEL ?? 'scenes-giraffe-hd-128';

export default defineConfig({
  plugins: [react(), modelsPlugin({ modelsDir: 'models', defaultId: DEFAULT_MODEL_ID })],
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
