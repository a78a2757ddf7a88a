// What a benchmark module reports: a figure next to a bare baseline measured in the same run.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The bare baseline, measured in the same run on the same machine. */
  baseline?: { name: string; value: number };
  /** The target the issue set, in words ("≤ 300 ms"). */
  target?: string;
  /** Whether the figure meets the target (undefined when there is none). */
  met?: boolean;
}

export type BenchModule = { run(): Promise<BenchResult[]> };

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
