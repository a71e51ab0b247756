/** The readable customer code shown to people, e.g. CUS-000123, derived from the customer's number. */
export function customerCode(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(6, '0')}`;
}

/** The number behind a code typed by a person (prefix optional, case-insensitive), or null. */
export function parseCustomerCode(prefix: string, text: string): number | null {
  const trimmed = text.trim().toUpperCase();
  const digits = trimmed.startsWith(prefix.toUpperCase()) ? trimmed.slice(prefix.length) : trimmed;
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number(digits);
}
