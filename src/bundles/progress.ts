/**
 * Byte progress across all files of a bundle, with the invariants a progress bar needs: `loaded` never
 * goes down, `total` is decided once before the first event and never changes, and a completed load
 * ends with loaded === total. Mirrors transformers.js' progress events, summed over files.
 */
import type { LoadProgress } from '../state/sessionStore';

export type ProgressCallback = (progress: LoadProgress) => void;

export class ByteProgress {
  private loaded = 0;
  private label = '';

  constructor(
    /** Sum of all files' sizes, or null when any size is unknown. */
    readonly total: number | null,
    private readonly onProgress: ProgressCallback | undefined,
  ) {}

  /** Names the file now loading and reports (no bytes yet). */
  begin(label: string): void {
    this.label = label;
    this.emit();
  }

  /** Counts bytes that arrived; never reports past `total` (a longer body fails in readBody). */
  add(bytes: number): void {
    if (bytes <= 0) return;
    this.loaded += bytes;
    this.emit();
  }

  private emit(): void {
    const loaded = this.total === null ? this.loaded : Math.min(this.loaded, this.total);
    this.onProgress?.({ label: this.label, loaded, total: this.total });
  }
}
