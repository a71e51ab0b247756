// Field-level access on customers: annualContractValue needs customer.viewFinancials; private custom
// fields (definitions marked private, and the keys in RAPPORT_PRIVATE_CUSTOM_FIELDS) need
// customer.viewPrivateFields. A viewer without the permission reads null / no such value, and may not
// write them.
import { fieldError, RapportError, type FieldError } from '../errors.js';
import { can, type Viewer } from './viewer.js';

type JsonObject = Record<string, unknown>;

export function canViewFinancials(viewer: Viewer | null | undefined): boolean {
  return can(viewer, 'customer.viewFinancials');
}

/**
 * The custom-field keys hidden from this viewer: the configured ones, plus those whose definitions
 * are private unless the viewer holds customer.viewPrivateFields.
 */
export function hiddenCustomFieldKeys(viewer: Viewer | null | undefined, privateKeys: readonly string[] = []): readonly string[] {
  const configured = viewer?.hiddenCustomFields ?? [];
  if (can(viewer, 'customer.viewPrivateFields') || privateKeys.length === 0) return configured;
  return [...new Set([...configured, ...privateKeys])];
}

/** Custom fields as this viewer may read them. */
export function visibleCustomFields(viewer: Viewer | null | undefined, fields: unknown, privateKeys: readonly string[] = []): JsonObject {
  const object = (fields ?? {}) as JsonObject;
  const hidden = hiddenCustomFieldKeys(viewer, privateKeys);
  if (!hidden.some((key) => key in object)) return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => !hidden.includes(key)));
}

/** Refuses to set what the viewer may not see: the financials, or a private custom field. */
export function requireWritableFields(
  viewer: Viewer | null | undefined,
  input: { annualContractValue?: unknown; customFields?: JsonObject | undefined },
  privateKeys: readonly string[] = [],
): void {
  const refused: FieldError[] = [];
  if (input.annualContractValue !== undefined && !canViewFinancials(viewer)) {
    refused.push(fieldError('annualContractValue', 'auth.fieldNeedsPermission', { permission: 'customer.viewFinancials' }));
  }
  for (const key of hiddenCustomFieldKeys(viewer, privateKeys)) {
    if (input.customFields && key in input.customFields) {
      refused.push(fieldError(`customFields.${key}`, 'auth.fieldNeedsPermission', { permission: 'customer.viewPrivateFields' }));
    }
  }
  if (refused.length) {
    const fields = refused.map(({ field, message }) => ({ field, message }));
    throw RapportError.of('FORBIDDEN', 'auth.fieldsNotAllowed', { fields: fields.map((r) => r.field).join(', ') }, { fields });
  }
}
