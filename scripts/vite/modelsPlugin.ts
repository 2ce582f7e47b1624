/**
 * Serves the built-in bundles from the top-level models/ folder at /models/<id>/... in dev and preview,
 * writes /models/catalog.json (every folder with a manifest.json, recipes excluded), and copies the bundles
 * into dist/ on build. Keeps models/ the single home of bundles instead of a copy under public/.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Files a bundle may ship to the browser. */
const SERVED = /\.(json|onnx|png|md)$/i;
const MIME: Record<string, string> = {
  json: 'application/json',
  onnx: 'application/octet-stream',
  png: 'image/png',
  md: 'text/markdown; charset=utf-8',
};

export interface CatalogEntry {
  id: string;
  name: string;
  family: string;
  description: string;
  default: boolean;
}

/** The catalog: every models/<id>/manifest.json, the default model first. */
export function buildCatalog(modelsDir: string, defaultId: string): { models: CatalogEntry[] } {
  const models: CatalogEntry[] = [];
  for (const id of readdirSync(modelsDir).sort()) {
    const manifestPath = join(modelsDir, id, 'manifest.json');
    if (id === 'recipes' || !existsSync(manifestPath)) continue;
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<CatalogEntry>;
    models.push({
      id,
      name: m.name ?? id,
      family: m.family ?? 'unknown',
      description: m.description ?? '',
      default: id === defaultId,
    });
  }
  models.sort((a, b) => Number(b.default) - Number(a.default));
  return { models };
}

function bundleFiles(modelsDir: string): string[] {
  const files: string[] = [];
  for (const id of readdirSync(modelsDir)) {
    const dir = join(modelsDir, id);
    if (id === 'recipes' || !existsSync(join(dir, 'manifest.json'))) continue;
    const walk = (sub: string) => {
      for (const name of readdirSync(join(dir, sub))) {
        const rel = sub ? `${sub}/${name}` : name;
        if (statSync(join(dir, rel)).isDirectory()) walk(rel);
        else if (SERVED.test(name)) files.push(`${id}/${rel}`);
      }
    };
    walk('');
  }
  return files;
}

export function modelsPlugin(options: { modelsDir: string; defaultId: string }): Plugin {
  const modelsDir = resolve(options.modelsDir);
  const middleware = (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => {
    const url = (req.url ?? '').split('?')[0];
    if (!url.startsWith('/models/')) return next();
    if (url === '/models/catalog.json') {
      res.setHeader('Content-Type', MIME.json);
      res.setHeader('Cache-Control', 'no-cache');
      res.end(JSON.stringify(buildCatalog(modelsDir, options.defaultId)));
      return;
    }
    const rel = decodeURIComponent(url.slice('/models/'.length));
    const path = normalize(join(modelsDir, rel));
    const inside = path.startsWith(modelsDir + sep) && !rel.startsWith('recipes/');
    if (!inside || !SERVED.test(path) || !existsSync(path) || !statSync(path).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', MIME[path.split('.').pop()!.toLowerCase()]);
    res.setHeader('Content-Length', String(statSync(path).size));
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(path).pipe(res);
  };
  return {
    name: 'disentangle-models',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'models/catalog.json',
        source: JSON.stringify(buildCatalog(modelsDir, options.defaultId)),
      });
      for (const rel of bundleFiles(modelsDir)) {
        this.emitFile({ type: 'asset', fileName: `models/${rel}`, source: readFileSync(join(modelsDir, rel)) });
      }
    },
  };
}
