// Field-level access on customers: annualContractValue needs customer.viewFinancials; private custom
// fields (RAPPORT_PRIVATE_CUSTOM_FIELDS) need customer.viewPrivateFields. A viewer without the
// permission reads null / the object without those keys, and may not write them.
import { can, forbidden, type Viewer } from './viewer.js';

type JsonObject = Record<string, unknown>;

export function canViewFinancials(viewer: Viewer | null | undefined): boolean {
  return can(viewer, 'customer.viewFinancials');
}

/** Custom fields as this viewer may read them. */
export function visibleCustomFields(viewer: Viewer | null | undefined, fields: unknown): JsonObject {
  const object = (fields ?? {}) as JsonObject;
  const hidden = viewer?.hiddenCustomFields ?? [];
  if (!hidden.some((key) => key in object)) return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => !hidden.includes(key)));
}

/** Refuses to set what the viewer may not see: the financials, or a private custom field. */
export function requireWritableFields(
  viewer: Viewer | null | undefined,
  input: { annualContractValue?: unknown; customFields?: JsonObject | undefined },
): void {
  const refused: Array<{ field: string; message: string }> = [];
  if (input.annualContractValue !== undefined && !canViewFinancials(viewer)) {
    refused.push({ field: 'annualContractValue', message: 'needs the customer.viewFinancials permission' });
  }
  for (const key of viewer?.hiddenCustomFields ?? []) {
    if (input.customFields && key in input.customFields) {
      refused.push({ field: `customFields.${key}`, message: 'needs the customer.viewPrivateFields permission' });
    }
  }
  if (refused.length) throw forbidden(`Not allowed: ${refused.map((r) => r.field).join(', ')}`, { fields: refused });
}

/** A replacement custom-field object keeps the private values its writer could not see. */
export function withHiddenCustomFields(viewer: Viewer | null | undefined, replacement: JsonObject, current: unknown): JsonObject {
  const hidden = viewer?.hiddenCustomFields ?? [];
  const kept = Object.entries((current ?? {}) as JsonObject).filter(([key]) => hidden.includes(key));
  return kept.length ? { ...replacement, ...Object.fromEntries(kept) } : replacement;
}
