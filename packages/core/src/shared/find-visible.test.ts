import { describe, expect, it } from 'vitest';
import { findVisibleOrThrow } from './find-visible.js';

const ID = '01937f3e-8c1a-7b2c-9d4e-5f6a7b8c9d0e';

describe('findVisibleOrThrow', () => {
  it('returns the row the rule-applying finder gives', async () => {
    expect(await findVisibleOrThrow('Ticket', ID, async (id) => ({ id }))).toEqual({ id: ID });
  });

  it('is NOT_FOUND when the finder gives nothing, and never asks for an id that is not a UUID', async () => {
    await expect(findVisibleOrThrow('Ticket', ID, async () => null)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Ticket not found' });
    const asked: string[] = [];
    const find = async (id: string) => {
      asked.push(id);
      return { id };
    };
    await expect(findVisibleOrThrow('Ticket', 'nope', find)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(asked).toEqual([]);
  });
});
