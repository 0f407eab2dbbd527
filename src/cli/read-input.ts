import { readFile, stat } from 'node:fs/promises';
import { ReadError } from '../core/read/read-error.ts';
import { MAX_INPUT_BYTES } from '../readers/read-document.ts';

/** Bytes of a file argument, or of standard input for `-`; a file over the size limit is refused unread. */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) throw tooLarge('标准输入');
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ReadError('NOT_FOUND', `找不到文件“${path}”`);
  }
  if (info.isDirectory()) throw new ReadError('IS_DIRECTORY', `“${path}”是目录；检查整个目录时只能给出一个目录参数`);
  if (info.size > MAX_INPUT_BYTES) throw tooLarge(path);
  return new Uint8Array(await readFile(path));
}

function tooLarge(name: string): ReadError {
  return new ReadError('TOO_LARGE', `“${name}”超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，不像是一份年度报告，未读取`);
}
