/**
 * Where a platform command prints. Commands take it as a parameter (default: the process's streams) so that tests
 * running them in-process collect their output without replacing process.stdout — which the test runner itself
 * writes its results to.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** The environment a command reads (default: the process's). */
export type Env = Record<string, string | undefined>;
