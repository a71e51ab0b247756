import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** +8613800138000 */
  e164: string;
  /** 86 */
  countryCallingCode: string;
  /** 13800138000: the number without country code or trunk prefix. */
  nationalNumber: string;
}

/** The shortest partial number a lookup accepts: fewer digits match too many people. */
export const MIN_LOOKUP_DIGITS = 7;

function normalized(parsed: PhoneNumber | undefined): NormalizedPhone | null {
  if (!parsed?.isPossible()) return null;
  return { e164: parsed.number, countryCallingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber };
}

/**
 * A number in any common writing (+86 138-0013-8000, 0086…, 13800138000, 8613800138000) in E.164,
 * numbers without a country code read as `country`'s; null when it cannot be a phone number.
 * Validation is by length (libphonenumber's "possible"), so new number ranges are not refused.
 */
export function normalizePhone(raw: string | null | undefined, country: string): NormalizedPhone | null {
  const text = raw?.trim();
  if (!text) return null;
  const asWritten = normalized(parsePhoneNumberFromString(text, country as CountryCode));
  if (asWritten) return asWritten;
  // A country code typed without its '+' (8613800138000).
  const digits = text.replace(/\D/g, '');
  return !text.startsWith('+') && !digits.startsWith('0') ? normalized(parsePhoneNumberFromString(`+${digits}`)) : null;
}

/**
 * The ways a stored number's digits may have been typed for this number: national (13800138000),
 * with the country code (8613800138000), with a trunk prefix (02161234567) or international prefix (00…).
 */
export function storedDigitVariants(phone: NormalizedPhone): string[] {
  const { countryCallingCode: cc, nationalNumber: nsn } = phone;
  return [nsn, `${cc}${nsn}`, `0${nsn}`, `00${cc}${nsn}`];
}

/**
 * The trailing digits a lookup matches stored numbers by: the national number of a full number
 * (so any prefix it was stored with still matches), otherwise the digits typed (a partial number).
 * Null when fewer than MIN_LOOKUP_DIGITS digits were given.
 */
export function lookupSuffix(raw: string, country: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < MIN_LOOKUP_DIGITS) return null;
  const phone = normalizePhone(raw, country);
  return phone && phone.nationalNumber.length >= MIN_LOOKUP_DIGITS ? phone.nationalNumber : digits;
}

/**
 * The range of reversed digits that end with `suffix`: [reverse(suffix), reverse(suffix) + ':') in
 * byte order (':' follows '9'), which a `text_pattern_ops` index on reverse("phoneDigits") serves.
 */
export function reversedRange(suffix: string): { from: string; to: string } {
  const reversed = [...suffix].reverse().join('');
  return { from: reversed, to: `${reversed}:` };
}
