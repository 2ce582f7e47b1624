/**
 * `npm run bench`: builds nothing itself (the npm script builds first), serves dist/ cross-origin isolated,
 * runs every bench module, prints one table and writes .bench/latest.json. `--quick` takes fewer samples;
 * `--models a,b` limits the bundles. Numbers from one run are comparable with each other only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { preview } from 'vite';
import { buildCatalog } from '../vite/modelsPlugin.ts';
import { mixerBench } from './mixer.ts';
import { nodeBench } from './nodeBench.ts';
import { sequenceBench } from './sequence.ts';
import { studioBench } from './studioBench.ts';
import type { BenchContext, BenchModule, BenchRow } from './types.ts';

const MODULES: [string, BenchModule][] = [
  ['node', nodeBench],
  ['chromium', studioBench],
  ['sequence', sequenceBench],
  ['mixer', mixerBench],
];

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--models');
  const only = i >= 0 ? argv[i + 1].split(',') : null;
  const j = argv.indexOf('--only');
  const modules = j >= 0 ? argv[j + 1].split(',') : null;
  return { quick, only, modules };
}

function format(rows: BenchRow[]): string {
  const header = ['metric', 'model', 'runtime', 'p50 / value', 'p95', 'n', 'target', 'ok'];
  const body = rows.map((r) => [
    r.metric, r.model, r.runtime, `${r.value.toFixed(1)} ${r.unit}`, r.p95 === undefined ? '' : r.p95.toFixed(1),
    r.samples === undefined ? '' : String(r.samples), r.target ?? '', r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const catalog = buildCatalog('models', process.env.STUDIO_DEFAULT_MODEL ?? '').models.map((m) => m.id);
  const models = args.only ? catalog.filter((id) => args.only!.includes(id)) : catalog;
  const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const ctx: BenchContext = { baseUrl: `http://127.0.0.1:${address.port}/`, models, quick: args.quick };
  const rows: BenchRow[] = [];
  try {
    for (const [name, module] of MODULES) {
      if (args.modules && !args.modules.includes(name)) continue;
      process.stderr.write(`bench: ${name}…\n`);
      rows.push(...(await module(ctx)));
    }
  } finally {
    await server.close();
  }
  const table = format(rows);
  console.log(table);
  mkdirSync('.bench', { recursive: true });
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model }, quick: args.quick, rows };
  writeFileSync('.bench/latest.json', JSON.stringify(report, null, 2));
  console.log('\nwritten: .bench/latest.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
