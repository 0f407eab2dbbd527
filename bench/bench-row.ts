/** One line of the benchmark table (docs/benchmarks.md). */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
  /** The same-run reference or ratio that makes the figure comparable on a noisy machine. */
  reference?: string;
  ok?: boolean;
}
