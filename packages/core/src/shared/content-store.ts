// Files kept by content: named by their SHA-256 under one directory, so no user input ever becomes a
// path and the same bytes are stored once. Plugins with attachments (contracts, articles) keep their
// rows; this keeps the bytes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Leading bytes of binary types: a declared type must match the content, so nothing sneaks in renamed. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => b[0] === 0x50 && b[1] === 0x4b,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => b[0] === 0x50 && b[1] === 0x4b,
};

/** Whether `content` can be what `mimeType` says: binary types by signature, text types as UTF-8 without NUL. */
export function contentMatchesType(mimeType: string, content: Buffer): boolean {
  const signature = SIGNATURES[mimeType];
  if (signature) return signature(content);
  if (!mimeType.startsWith('text/')) return true;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  return !text.includes('\uFFFD') && !text.includes('\u0000');
}

export const contentHash = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export interface ContentStore {
  /** Writes the bytes (once per content) and returns their hash. */
  put(content: Buffer): Promise<string>;
  /** The bytes stored under `sha256`, verified against it. */
  read(sha256: string): Promise<Buffer>;
  /** Removes the bytes; a missing file is fine. */
  remove(sha256: string): Promise<void>;
}

export function contentStore(directory: string): ContentStore {
  const pathOf = (sha256: string) => path.join(path.resolve(directory), sha256.slice(0, 2), sha256);
  return {
    async put(content) {
      const sha256 = contentHash(content);
      const target = pathOf(sha256);
      if (await stat(target).then(() => true, () => false)) return sha256;
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
      await writeFile(partial, content, { mode: 0o600 });
      await rename(partial, target);
      return sha256;
    },
    async read(sha256) {
      const content = await readFile(pathOf(sha256));
      if (contentHash(content) !== sha256) throw new Error('Stored content does not match its hash');
      return content;
    },
    async remove(sha256) {
      await unlink(pathOf(sha256)).catch(() => {});
    },
  };
}
