/**
 * Where files live: content-addressed blobs (the SHA-256 of the bytes is the key). This interface is all the
 * rest of the code sees, so that an object store (MinIO/S3/OSS) can replace the database implementation
 * (./database-blob-store.ts) without touching uploads or use-cases.
 *
 * Guarantees every implementation keeps:
 * - bytes are written while they arrive (a writer never holds the whole file in memory);
 * - a blob becomes visible only complete, by `commit()`, under the hash of exactly the bytes written;
 * - identical content is stored once (`deduplicated` tells the second writer), also when two app servers
 *   commit it at the same moment;
 * - `abort()` (and a crash mid-upload) leaves no visible blob; leftovers are removed by `sweepAbandoned()`.
 */
export interface BlobInfo {
  sha256: string;
  size: number;
  /** What the bytes are, judged from the bytes (src/server/http/uploads/sniff-file-kind.ts). */
  kind: string;
  mediaType: string;
  createdAt: string;
}

export interface StoredBlob extends BlobInfo {
  /** True when this content was already stored: the upload added nothing. */
  deduplicated: boolean;
}

export interface BlobWriter {
  /** Appends bytes (in order). Resolves when they are safely stored or buffered below one chunk. */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly size: number;
  /** Makes the blob visible under the SHA-256 of everything written. */
  commit(meta: { kind: string; mediaType: string }): Promise<StoredBlob>;
  /** Forgets everything written. Safe to call more than once, and after a failed write. */
  abort(): Promise<void>;
}

export interface BlobStore {
  begin(): BlobWriter;
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /** The bytes, chunk by chunk, without loading the whole blob. Throws if the blob does not exist. */
  read(sha256: string): AsyncIterable<Uint8Array>;
  /** Removes chunks of writers that never committed nor aborted (a crashed server) older than `before`. */
  sweepAbandoned(before: Date): Promise<number>;
}

/** The whole blob in memory, for small ones (refuses beyond `maxBytes`). */
export async function readBlobBytes(store: BlobStore, sha256: string, maxBytes: number): Promise<Uint8Array> {
  const info = await store.stat(sha256);
  if (!info) throw new Error(`blob ${sha256} not found`);
  if (info.size > maxBytes) throw new Error(`blob ${sha256} is ${info.size} bytes, more than ${maxBytes}`);
  const out = new Uint8Array(info.size);
  let at = 0;
  for await (const chunk of store.read(sha256)) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
