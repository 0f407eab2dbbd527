/**
 * The message port between pdf.js's API and its worker when both run in this process, as pdf.js's own
 * `LoopbackPort` (its "fake worker") does — but a page's text content is handed over without being copied
 * through `structuredClone`: copying the text and the paths of every chunk was ~7 % of reading the 5-page
 * Chromium PDF (measured alternating both ways in one process). Every other message is still cloned, so the rest of
 * pdf.js behaves exactly as with its own port (an operator list, for one, is cleared by the worker after sending).
 *
 * Handing a text chunk over by reference is safe because the worker never touches a chunk it has sent: after each
 * `enqueue` it gives the text content new `items` and `styles` (evaluator `enqueueChunk`), and it never changes an
 * item it has pushed. The top level of the chunk is copied so those reassignments cannot reach the receiver, which
 * runs later (messages are delivered on a microtask, as by LoopbackPort). The differential test
 * (pdfjs-worker-patches.test.ts) compares what the API returns through this port with stock pdf.js on every
 * PDF fixture.
 */

/** pdf.js's StreamKind.ENQUEUE: a chunk of a stream (text content, operator list) sent to the other side. */
const ENQUEUE = 4;

type Listener = (event: { data: unknown }) => void;

interface StreamMessage {
  stream?: unknown;
  chunk?: unknown;
}

function isTextChunk(message: unknown): message is StreamMessage & { chunk: { items: unknown[] } } {
  if (message === null || typeof message !== 'object') return false;
  const { stream, chunk } = message as StreamMessage;
  return (
    stream === ENQUEUE &&
    chunk !== null &&
    typeof chunk === 'object' &&
    Array.isArray((chunk as { items?: unknown }).items) &&
    !('fnArray' in chunk)
  );
}

export class InProcessPdfjsPort {
  #listeners = new Map<Listener, (() => void) | null>();
  #deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: NonNullable<Parameters<typeof structuredClone>[1]>['transfer']): void {
    const data = isTextChunk(message)
      ? { ...message, chunk: { ...message.chunk } }
      : structuredClone(message, transfer ? { transfer } : undefined);
    const event = { data };
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    let unhook: (() => void) | null = null;
    if (signal) {
      const onAbort = () => this.removeEventListener(_name, listener);
      signal.addEventListener('abort', onAbort);
      unhook = () => signal.removeEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, unhook);
  }

  removeEventListener(_name: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, unhook] of this.#listeners) unhook?.();
    this.#listeners.clear();
  }
}
