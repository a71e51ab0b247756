import { z } from 'zod';
import { phoneDigits } from '../shared/normalize.js';
import { rules } from '../validation.js';
import { customFieldInputs } from '../custom-fields/rules.js';

/** Contact fields as written by a person; shared by createContact and createCustomer's nested contacts. */
export const contactFields = z.object({
  name: rules.requiredText(120),
  title: rules.optionalText(120),
  department: rules.optionalText(120),
  email: rules.email,
  phone: rules.phone,
  birthday: z.date().nullish(),
  isPrimary: z.boolean().nullish(),
  customFields: customFieldInputs.optional(),
});

export type ContactFields = z.output<typeof contactFields>;

/**
 * Database columns for contact fields: the phone's digits are kept beside it for lookups. Custom
 * fields are validated against their definitions and stored by the caller (customFieldsToStore).
 */
export function contactData<T extends Partial<ContactFields>>(fields: T) {
  const { isPrimary, customFields: _typed, ...rest } = fields;
  return {
    ...rest,
    ...(isPrimary != null ? { isPrimary } : {}),
    ...(fields.phone !== undefined ? { phoneDigits: phoneDigits(fields.phone) } : {}),
  };
}
