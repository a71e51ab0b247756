import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { RapportBuilder } from './builder.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError('DateTime must be an ISO-8601 string, e.g. 2026-10-23T10:30:00Z');
  }
  return date;
}

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('Date must be a calendar date, e.g. 1985-04-12');
  }
  return new Date(`${value}T00:00:00Z`);
}

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw new GraphQLError('Decimal must be a number written as a string, e.g. "125000.50"');
  }
  return text.trim();
}

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      throw new GraphQLError('Variables inside JSON literals are not supported');
  }
}

/** Core's scalars, for any builder: the internal graph's and an endpoint's own. */
export const scalarDefinitions = {
  DateTime: {
    description: 'An instant as an RFC 3339 date-time string in UTC, e.g. 2026-10-23T10:30:00.000Z.',
    specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6',
    serialize: (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)),
    parseValue: parseDateTime,
    parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
  },
  Date: {
    description: 'A calendar date without time (RFC 3339 full-date), e.g. 1985-04-12.',
    specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6',
    serialize: (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
    parseValue: parseDate,
    parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
  },
  Decimal: {
    description: 'An exact decimal number as a string (money is never a float): the numeric-string syntax of General Decimal Arithmetic without exponent, e.g. "125000.50".',
    specifiedByURL: 'https://speleotrove.com/decimal/daconvs.html#refnumsyn',
    serialize: (value: unknown) => (typeof value === 'object' && value !== null ? (value as { toFixed(d: number): string }).toFixed(2) : String(value)),
    parseValue: parseDecimal,
    parseLiteral: (ast: ValueNode) =>
      parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : null),
  },
  JSON: {
    description: 'Arbitrary JSON (RFC 8259).',
    specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc8259',
    serialize: (value: unknown) => value,
    parseValue: (value: unknown) => value,
    parseLiteral: literalValue,
  },
};

export function registerScalars(builder: RapportBuilder): void {
  builder.scalarType('DateTime', scalarDefinitions.DateTime);
  builder.scalarType('Date', scalarDefinitions.Date);
  builder.scalarType('Decimal', scalarDefinitions.Decimal);
  builder.scalarType('JSON', scalarDefinitions.JSON);
}
