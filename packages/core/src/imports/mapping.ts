// Column mapping: which spreadsheet column fills which field. A suggestion comes from the header row,
// matching Chinese and English names (and custom-field labels and keys) after folding case, width,
// spacing and punctuation.

import { fieldError, type FieldError } from '../errors.js';

export interface ImportField {
  /** e.g. `name`, `contact.phone`, `custom.region`. */
  field: string;
  label: string;
  /** Header names that suggest this field (compared folded). */
  aliases: readonly string[];
  required?: boolean;
}

export interface ColumnMapping {
  column: string;
  /** Null: the column is ignored. */
  field: string | null;
}

/** Folds a header for comparison: NFKC (full-width to half-width), lower case, no spaces, marks or punctuation. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：_\-（）()[\]【】.。/\\]+/g, '');
}

/** The suggested field per header column; each field is suggested for one column at most (the first). */
export function suggestMapping(header: readonly string[], fields: readonly ImportField[]): ColumnMapping[] {
  const byAlias = new Map<string, string>();
  for (const f of fields) for (const alias of [f.field, f.label, ...f.aliases]) if (!byAlias.has(foldHeader(alias))) byAlias.set(foldHeader(alias), f.field);
  const taken = new Set<string>();
  return header.map((column) => {
    const field = byAlias.get(foldHeader(column)) ?? null;
    if (!field || taken.has(field)) return { column, field: null };
    taken.add(field);
    return { column, field };
  });
}

/** A problem with a mapping, named `mapping.<i>`, its text in every language. */
export type MappingProblem = FieldError;

/** Checks a mapping against the header and the fields: every problem at once, named `mapping.<i>`. */
export function mappingProblems(mapping: readonly ColumnMapping[], header: readonly string[], fields: readonly ImportField[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const known = new Set(fields.map((f) => f.field));
  const seen = new Map<string, number>();
  mapping.forEach((m, i) => {
    if (!header.includes(m.column)) problems.push(fieldError(`mapping.${i}.column`, 'import.notAColumn', { columns: header.join(', ') }));
    if (m.field === null) return;
    if (!known.has(m.field)) problems.push(fieldError(`mapping.${i}.field`, 'import.notAFieldOf', { fields: [...known].join(', ') }));
    if (seen.has(m.field)) problems.push(fieldError(`mapping.${i}.field`, 'import.mappedTwice', { index: seen.get(m.field) }));
    seen.set(m.field, i);
  });
  for (const f of fields) {
    if (f.required && !seen.has(f.field)) problems.push(fieldError('mapping', 'import.requiredUnmapped', { field: f.field, label: f.label }));
  }
  return problems;
}

/** A row's cells by field, per the mapping (columns found by header position). */
export function rowByField(header: readonly string[], mapping: readonly ColumnMapping[]) {
  const positions = mapping.flatMap((m) => (m.field === null ? [] : [{ field: m.field, column: m.column, index: header.indexOf(m.column) }]));
  return (cells: readonly string[]) => {
    const values: Record<string, { value: string; column: string }> = {};
    for (const p of positions) values[p.field] = { value: cells[p.index] ?? '', column: p.column };
    return values;
  };
}
