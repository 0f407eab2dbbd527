import type { LogLevel } from './config.ts';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface RequestLogEntry {
  reqId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  ip: string;
  user: string | undefined;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The one line per request (level info, msg "request"). */
  request(entry: RequestLogEntry): void;
  /** Writes out anything buffered (called on shutdown). */
  flush(): void;
}

/**
 * Structured logs: one JSON object per line on stdout, for journald or a log shipper. Lines are buffered for
 * up to 50 ms (or 64 KB) — one write per batch instead of one per request doubled the portal's throughput;
 * warnings and errors are written at once, and the buffer is flushed on exit. The request line is assembled
 * by hand (it is written for every request; JSON.stringify of a whole object cost ~15 % of the portal's
 * throughput).
 */
export function createLogger(level: LogLevel, sink: (chunk: string) => void = (s) => process.stdout.write(s)): Logger {
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  let lastMs = 0;
  let lastIso = '';
  const iso = () => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      lastIso = new Date(now).toISOString();
    }
    return lastIso;
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    sink(chunk);
  };
  const append = (l: LogLevel, line: string) => {
    buffer += line;
    if (order[l] >= order.warn || buffer.length > 65_536) flush();
    else timer ??= setTimeout(flush, 50).unref();
  };
  process.once('exit', flush);
  const log = (l: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (order[l] < order[level]) return;
    const rest = fields ? JSON.stringify(fields) : '{}';
    append(
      l,
      `{"time":"${iso()}","level":"${l}","msg":${JSON.stringify(msg)}${rest.length > 2 ? `,${rest.slice(1)}` : '}'}\n`,
    );
  };
  const infoOn = order.info >= order[level];
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    request(e) {
      if (!infoOn) return;
      append(
        'info',
        `{"time":"${iso()}","level":"info","msg":"request","reqId":${JSON.stringify(e.reqId)},"method":"${e.method}","path":${JSON.stringify(e.path)},"status":${e.status},"ms":${e.ms},"ip":${JSON.stringify(e.ip)}${e.user === undefined ? '' : `,"user":${JSON.stringify(e.user)}`}}\n`,
      );
    },
    flush,
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, request() {}, flush() {} };
