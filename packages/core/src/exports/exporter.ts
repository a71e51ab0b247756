// What an exportable list provides. Core registers customers, contacts and activities; a plugin adds
// its lists through `exporters` in its definition (tickets, calls, campaign members, opportunities).
import { decodeGlobalID } from '@pothos/plugin-relay';
import { coerceInputValue, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, isInputObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { Permission } from '../auth/permissions.js';
import type { RapportContext } from '../context.js';
import { fieldError, InputError } from '../errors.js';

export interface ExportColumn {
  key: string;
  /** The header cell; core's lists use the labels the importer recognises, so an export re-imports as is. */
  header: string;
}

export type ExportCell = string | number | boolean | Date | null;

export interface ExportContext extends Pick<RapportContext, 'prisma' | 'viewer' | 'clock' | 'config'> {}

export interface Exporter {
  /** Upper-case name in the graph's ExportEntity enum, e.g. CUSTOMER. */
  entity: string;
  description: string;
  /** Needed on top of data.export. */
  permission?: Permission;
  /** The graph's filter input type for this list (e.g. CustomerFilter): the export's filter is read through it. */
  filterType?: string;
  /** The columns this viewer may see, in order (fields they may not see are left out). */
  columns(ctx: ExportContext): Promise<ExportColumn[]>;
  /**
   * The next rows after `after` (an id; null first) in id order, at most `size`, under the viewer's
   * row rules and the filter — one query per batch, whatever the list's size.
   */
  batch(ctx: ExportContext, filter: unknown, after: string | null, size: number): Promise<Array<{ id: string; cells: Record<string, ExportCell> }>>;
}

/**
 * A spreadsheet program runs a cell that begins with = + - @ (or a tab or carriage return) as a
 * formula: such text gets a leading apostrophe, which the importer takes off again.
 */
export function neutralise(value: ExportCell): ExportCell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return type instanceof GraphQLNonNull ? unwrap(type.ofType) : type;
}

/** Global ids to the `{ typename, id }` resolvers get, per the input type (as Pothos maps field arguments). */
function decodeIds(type: GraphQLInputType, value: unknown): unknown {
  const inner = unwrap(type);
  if (value === null || value === undefined) return value;
  if (inner instanceof GraphQLList) return (value as unknown[]).map((v) => decodeIds(inner.ofType, v));
  if (!(inner instanceof GraphQLInputObjectType)) return value;
  const fields = inner.getFields();
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      const field = fields[key]!;
      if (!field.extensions?.isRelayGlobalID) return [key, decodeIds(field.type, v)];
      const decode = (id: unknown) => {
        try {
          return decodeGlobalID(String(id));
        } catch {
          return { typename: '', id: '' };
        }
      };
      return [key, Array.isArray(v) ? v.map(decode) : v == null ? v : decode(v)];
    }),
  );
}

/** Reads a JSON filter through the list's GraphQL input type: the same fields, coercion and errors as the list. */
export function filterFor(schema: GraphQLSchema, exporter: Exporter, filter: unknown): unknown {
  if (filter === null || filter === undefined) return null;
  if (!exporter.filterType) throw new InputError([fieldError('filter', 'export.noFilter', { entity: exporter.entity })]);
  const type = schema.getType(exporter.filterType);
  if (!isInputObjectType(type)) throw new Error(`${exporter.filterType} is not an input type`);
  const problems: Array<{ field: string; message: string }> = [];
  const coerced = coerceInputValue(filter, type, (path, _value, error) => problems.push({ field: ['filter', ...path].join('.'), message: error.message }));
  if (problems.length) throw new InputError(problems);
  return decodeIds(type, coerced);
}
