import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash, contentMatchesType, contentStore } from './content-store.js';

describe('contentMatchesType', () => {
  it('checks binary types by their leading bytes and text types as UTF-8', () => {
    expect(contentMatchesType('application/pdf', Buffer.from('%PDF-1.7'))).toBe(true);
    expect(contentMatchesType('application/pdf', Buffer.from('<html>'))).toBe(false);
    expect(contentMatchesType('image/png', Buffer.from('GIF89a'))).toBe(false);
    expect(contentMatchesType('text/plain', Buffer.from('报价说明'))).toBe(true);
    expect(contentMatchesType('text/plain', Buffer.from([0xff, 0xfe, 0x41]))).toBe(false);
    expect(contentMatchesType('text/plain', Buffer.from('a\u0000b'))).toBe(false);
  });
});

describe('contentStore', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'rapport-content-'));
  afterAll(() => rm(directory, { recursive: true, force: true }));
  const store = contentStore(directory);

  it('stores the same bytes once under their hash, reads them verified, removes them', async () => {
    const content = Buffer.from('合同扫描件');
    const sha256 = await store.put(content);
    expect(sha256).toBe(contentHash(content));
    expect(await store.put(Buffer.from(content))).toBe(sha256);
    expect(await readdir(path.join(directory, sha256.slice(0, 2)))).toEqual([sha256]);
    expect((await store.read(sha256)).equals(content)).toBe(true);
    await store.remove(sha256);
    await expect(store.read(sha256)).rejects.toThrow();
    await store.remove(sha256); // already gone: fine
  });
});
