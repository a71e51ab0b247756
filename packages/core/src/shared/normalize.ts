/** Lower-cased, trimmed, whitespace-collapsed: the key for prefix search and duplicate checks. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Digits of a phone number, so lookups ignore spaces, dashes, brackets and a leading '+'. */
export function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length > 0 ? digits : null;
}
