/**
 * The command line's progress bar on stderr (stdout stays free for a script's own use): redrawn in place on
 * a terminal, one line per 10% when stderr is a file or a pipe so logs stay short.
 */
import type { ExportProgress } from '../../src/sequence/progress.ts';

const WIDTH = 30;

function clock(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function formatProgress(p: ExportProgress): string {
  const filled = p.total > 0 ? Math.round((WIDTH * p.done) / p.total) : WIDTH;
  const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
  return `[${bar}] ${p.done}/${p.total} frames  ${p.fps.toFixed(1)} fps  ETA ${clock(p.etaSeconds)}`;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: ExportProgress): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastDecile = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      if (tty) {
        const now = Date.now();
        if (p.done < p.total && now - lastDraw < 100) return;
        lastDraw = now;
        stream.write(`\r${formatProgress(p)}`);
        drawn = true;
        return;
      }
      const decile = Math.floor((10 * p.done) / p.total);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
