import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '@rapport/core';
import { measureOperation } from './operation-limits.js';

const schema = buildSchema({ plugins: [], maxPageSize: 100, defaultPageSize: 20 });

function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? `fragment F${i} on User { team { id } }` : `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ viewer { ...F0 } } ${fragments.join(' ')}`;
}

describe('measureOperation', () => {
  it('walks each fragment once however often it is spread, and still counts every expansion', () => {
    const size = measureOperation(schema, parse(fragmentBomb(21)), {}, 20);
    // the operation, viewer, 21 fragments and team: one visit each.
    expect(size.visits).toBe(1 + 1 + 21 + 1);
    expect(size.cost).toBe(1 + 2 ** 20);
    expect(size.depth).toBe(3);
  });

  it('measures a fragment again under another page size only', () => {
    const query = `{ a: customers(first: 5) { ...Page } b: customers(first: 50) { ...Page } c: customers(first: 5) { ...Page } }
      fragment Page on CustomerConnection { edges { node { id } } }`;
    const size = measureOperation(schema, parse(query), {}, 20);
    expect(size.visits).toBe(1 + 3 + 2 * 3);
    expect(size.cost).toBe(3 + 2 * (5 * 2) + 50 * 2);
  });

  it('reads pages and id lists from coerced variables, defaults included', () => {
    const page = measureOperation(schema, parse('query($n: Int = 100) { customers(first: $n) { edges { node { id } } } }'), {}, 20);
    expect(page.cost).toBe(1 + 100 * 2);
    const nodes = measureOperation(schema, parse('query($ids: [ID!]!) { nodes(ids: $ids) { id } }'), { variables: { ids: ['a', 'b', 'c'] } }, 20);
    expect(nodes.cost).toBe(3);
  });
});
