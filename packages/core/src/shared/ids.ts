const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Database ids are UUIDs; anything else cannot name a row, so callers treat it as not found. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

let last = { ms: -1, randA: 0, seq: 0n };

/**
 * A time-ordered UUID (version 7), for rows whose ids are made before a batch insert. Ids made in
 * the same millisecond (or under a clock set back) count up, so id order is creation order.
 */
export function uuidv7(now = Date.now()): string {
  const random = new Uint8Array(8);
  crypto.getRandomValues(random);
  if (now > last.ms) last = { ms: now, randA: ((random[0]! << 8) | random[1]!) & 0xfff, seq: BigInt(random[2]! * 2 ** 24 + random[3]! * 2 ** 16 + random[4]! * 2 ** 8 + random[5]!) };
  else last.seq++;
  const hex =
    Math.floor(last.ms).toString(16).padStart(12, '0').slice(-12) +
    (0x7000 | last.randA).toString(16) +
    ((1n << 63n) | (last.seq & ((1n << 62n) - 1n))).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
