/**
 * Per-request batching of a per-row lookup: every row asked for while GraphQL resolves one level of
 * a list is loaded by one call of `load` (after the current promise jobs, like DataLoader), and a row
 * asked for twice in a request is loaded once.
 */
const perRequest = new WeakMap<object, Map<string, Batch<unknown, unknown>>>();

interface Batch<Row, Value> {
  done: Map<string, Promise<Value | undefined>>;
  pending: Array<{ row: Row; resolve: (v: Value | undefined) => void; reject: (e: unknown) => void }>;
}

export function batch<Row extends { id: string }, Value>(
  ctx: object,
  name: string,
  row: Row,
  load: (rows: Row[]) => Promise<Map<string, Value>>,
): Promise<Value> {
  const batches = perRequest.get(ctx) ?? new Map<string, Batch<unknown, unknown>>();
  perRequest.set(ctx, batches);
  let b = batches.get(name) as Batch<Row, Value> | undefined;
  if (!b) {
    b = { done: new Map(), pending: [] };
    batches.set(name, b as Batch<unknown, unknown>);
  }
  const known = b.done.get(row.id);
  if (known) return known as Promise<Value>;
  const current = b;
  const promise = new Promise<Value | undefined>((resolve, reject) => {
    if (current.pending.length === 0) {
      void Promise.resolve().then(() =>
        process.nextTick(() => {
          const rows = current.pending.splice(0);
          load(rows.map((p) => p.row)).then(
            (values) => {
              for (const p of rows) p.resolve(values.get(p.row.id));
            },
            (error) => {
              for (const p of rows) p.reject(error);
            },
          );
        }),
      );
    }
    current.pending.push({ row, resolve, reject });
  });
  b.done.set(row.id, promise);
  return promise as Promise<Value>;
}
