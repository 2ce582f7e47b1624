/**
 * `npm run render -- spec.json --out DIR [--zip FILE] [--models DIR]`: renders a sequence spec (saved from
 * the studio's timeline, or written by hand) in Node on onnxruntime-web WASM, the same code path as the
 * browser's export, with a progress bar on stderr. Ctrl+C stops after the current frame and keeps a valid
 * output of the frames done; a second Ctrl+C quits at once. Exit codes: 0 done, 1 failed, 2 bad usage,
 * 130 cancelled.
 */
import { StudioError } from '../../src/lib/errors.ts';
import { progressBar } from './progressBar.ts';
import { readSpecFile, renderToDisk, type RenderTargets } from './renderToDisk.ts';

const USAGE = 'usage: npm run render -- spec.json --out DIR [--zip FILE] [--models DIR]';

interface Args extends RenderTargets {
  spec: string;
  modelsDir: string;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { modelsDir: 'models' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--out') args.outDir = value();
    else if (arg === '--zip') args.zipPath = value();
    else if (arg === '--models') args.modelsDir = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (args.spec) throw new UsageError(`one spec file at a time (got ${args.spec} and ${arg})`);
    else args.spec = arg;
  }
  if (!args.spec) throw new UsageError('no spec file given');
  if (!args.outDir && !args.zipPath) throw new UsageError('give --out DIR (and/or --zip FILE)');
  return args as Args;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message ? `render: ${error.message}\n` : ''}${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const spec = readSpecFile(args.spec);
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nrender: stopping after this frame (Ctrl+C again to quit now)\n');
    controller.abort('keep');
  });
  const bar = progressBar();
  const started = performance.now();
  process.stderr.write(`render: ${spec.frames} frames of ${spec.modelId} (${spec.kind}) on node wasm\n`);
  const result = await renderToDisk(spec, args, { signal: controller.signal, onProgress: bar.update, modelsDir: args.modelsDir });
  bar.end();
  const seconds = (performance.now() - started) / 1000;
  const where = [args.outDir, args.zipPath].filter(Boolean).join(' and ');
  if (result.nonFinite > 0) process.stderr.write(`render: warning: ${result.nonFinite} NaN/Inf pixels (painted magenta)\n`);
  if (result.status === 'failed') {
    process.stderr.write(`render: ${result.error!.message}\n`);
    return 1;
  }
  if (result.status === 'cancelled') {
    process.stderr.write(`render: cancelled; ${result.written} of ${result.total} frames kept in ${where}\n`);
    return 130;
  }
  process.stderr.write(`render: ${result.written} frames in ${seconds.toFixed(1)} s (${(result.written / seconds).toFixed(1)} fps) -> ${where}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const e = StudioError.from(error);
    process.stderr.write(`render: ${e.code}: ${e.message}\n`);
    process.exit(1);
  },
);
