/**
 * An input that cannot be read at all (empty, binary garbage, truncated, not a report). The message is
 * Chinese and says what is wrong and where; the CLI prints it and exits 2.
 */
export class ReadError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ReadError';
    this.code = code;
  }
}
