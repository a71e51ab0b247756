import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLEnumValue,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Descriptions on every type, field, argument, enum value and input field (docs/graph-conventions.md).
 * Three sources, in this order, each filling only what is still undescribed:
 * 1. the definition itself (`description:` where a type or field is made);
 * 2. a module's catalogue, `describe(builder, { 'Type.field': '…' })`, for what its definitions leave
 *    open: written next to the schema module it describes, checked to name only coordinates that exist;
 * 3. the conventions (`describeByConvention`): what follows from a name's role, e.g. a connection's
 *    paging arguments, a mutation's `input`, a payload's result, `version`, `createdAt`, an
 *    `XOrder` input, or an input field named like a field of the node the mutation writes.
 */

// Any Pothos builder (the internal graph's or the partner portal's).
type AnyBuilder = object;
export type DescriptionCatalogue = Record<string, string>;
interface Registered {
  catalogue: DescriptionCatalogue;
  borrowed: boolean;
}
const cataloguesByBuilder = new WeakMap<object, Registered[]>();

/**
 * Registers descriptions by schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`).
 * The first registered description of a coordinate wins. `borrowed`: a catalogue written for another
 * schema (the portal borrowing the internal graph's `Customer.name`), applied where its coordinates exist.
 */
export function describe(builder: AnyBuilder, catalogue: DescriptionCatalogue, options: { borrowed?: boolean } = {}): void {
  cataloguesByBuilder.set(builder, [...(cataloguesByBuilder.get(builder) ?? []), { catalogue, borrowed: options.borrowed ?? false }]);
}

/** The relay plugin's options that describe what it makes (paging arguments, edges, page info, ids). */
export const relayDescriptions = {
  firstArgOptions: { description: 'Pages forward: at most this many items after `after` (up to the deployment’s maximum page size).' },
  afterArgOptions: { description: 'Pages forward from this cursor (an `endCursor` or edge `cursor` of a page read before).' },
  lastArgOptions: { description: 'Pages backward: at most this many items before `before`.' },
  beforeArgOptions: { description: 'Pages backward from this cursor (a `startCursor` or edge `cursor` of a page read before).' },
  cursorFieldOptions: { description: 'Where this item stands in the list: pass it as `after` or `before` to page on from it.' },
  nodeFieldOptions: { nullable: false as const, description: 'The item itself.' },
  edgesFieldOptions: { nullable: false as const, description: 'The items of this page, each with its cursor.' },
  pageInfoFieldOptions: { description: 'Whether there are more pages, and the cursors to reach them.' },
  pageInfoTypeOptions: { description: 'Where a page stands in its list: whether more pages follow or precede it, and its first and last cursors.' },
  hasNextPageFieldOptions: { description: 'Whether more items follow this page (paging forward).' },
  hasPreviousPageFieldOptions: { description: 'Whether items precede this page (paging backward).' },
  startCursorFieldOptions: { description: 'The cursor of the first item of this page; null when the page is empty.' },
  endCursorFieldOptions: { description: 'The cursor of the last item of this page; null when the page is empty.' },
  idFieldOptions: { description: 'The global ID: opaque and stable; `node(id:)` looks it up, and every argument taking this record accepts it.' },
  nodeTypeOptions: { description: 'A record with a global ID, which `node(id:)` and `nodes(ids:)` look up.' },
  nodeQueryOptions: { description: 'The record with this global ID, of any type; null when there is none or you may not see it.' },
  nodesQueryOptions: { description: 'The records with these global IDs, in the same order; null for each one there is none of or you may not see.' },
};

type Described = { description?: string | null | undefined };

/** `camelCase` or `SNAKE_CASE` as lower-case words. */
export function words(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? `${text[0]!.toLowerCase()}${text.slice(1)}` : text);
const withoutStop = (text: string) => text.replace(/\.$/, '');

interface Coordinates {
  types: Map<string, GraphQLNamedType>;
  find(coordinate: string): Described | undefined;
}

function coordinatesOf(schema: GraphQLSchema): Coordinates {
  const types = new Map(Object.entries(schema.getTypeMap()));
  return {
    types,
    find(coordinate) {
      const match = /^([A-Za-z_][\w]*)(?:\.([A-Za-z_]\w*)(?:\(([A-Za-z_]\w*):\))?)?$/.exec(coordinate);
      if (!match) return undefined;
      const [, typeName, member, arg] = match;
      const type = types.get(typeName!);
      if (!type) return undefined;
      if (!member) return type as Described;
      if (isEnumType(type)) return arg ? undefined : (type.getValue(member) as Described | undefined);
      if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return undefined;
      const field = type.getFields()[member];
      if (!field) return undefined;
      if (!arg) return field as Described;
      return 'args' in field ? (field.args.find((a) => a.name === arg) as Described | undefined) : undefined;
    },
  };
}

/** Applies the catalogues registered on the builder; returns the coordinates they name that do not exist. */
export function applyCatalogues(builder: AnyBuilder, schema: GraphQLSchema): string[] {
  const coordinates = coordinatesOf(schema);
  const unknown: string[] = [];
  for (const { catalogue, borrowed } of cataloguesByBuilder.get(builder) ?? []) {
    for (const [coordinate, description] of Object.entries(catalogue)) {
      const target = coordinates.find(coordinate);
      if (!target) {
        if (!borrowed) unknown.push(coordinate);
      }
      else if (!target.description) target.description = description;
    }
  }
  return unknown;
}

const unknownBySchema = new WeakMap<GraphQLSchema, string[]>();

/** Catalogue coordinates that named nothing in this schema (a renamed field): a test keeps this empty. */
export function unknownDescriptionCoordinates(schema: GraphQLSchema): string[] {
  return unknownBySchema.get(schema) ?? [];
}

/** Catalogues, then conventions: run once on the built schema. */
export function describeSchema(builder: AnyBuilder, schema: GraphQLSchema): void {
  unknownBySchema.set(schema, applyCatalogues(builder, schema));
  describeByConvention(schema);
}

function fill(target: Described | undefined, description: string | undefined): void {
  if (target && !target.description && description) target.description = description;
}

/** `submitContractForApproval` → `submit`: the verb a mutation's name starts with. */
function verbOf(mutation: string): string {
  return /^[a-z]+/.exec(mutation)?.[0] ?? mutation;
}

const SORT: Record<string, string> = { ASC: 'Ascending: smallest, earliest or A first.', DESC: 'Descending: largest, latest or Z first.' };

/**
 * What follows from a name's role. Run after the catalogues, so a written description always wins;
 * each rule only fills a description still missing.
 */
export function describeByConvention(schema: GraphQLSchema): void {
  const types = schema.getTypeMap();
  const objectFieldDescription = (typeName: string | undefined, field: string): string | undefined => {
    if (!typeName) return undefined;
    const type = types[typeName];
    if (!type || !(isObjectType(type) || isInterfaceType(type))) return undefined;
    const description = type.getFields()[field]?.description ?? undefined;
    // What only reading says (why a field answers null) is not for the input.
    return description && !/^null\b/i.test(description) ? description : undefined;
  };
  /** The description of an input field from the node type it writes: same name, or `fooId`/`fooIds` for `foo`/`foos`. */
  const inherited = (typeName: string | undefined, field: string): string | undefined => {
    const same = objectFieldDescription(typeName, field);
    if (same) return same;
    const single = /^(.+)Id$/.exec(field);
    if (single) {
      const of = objectFieldDescription(typeName, single[1]!);
      if (of) return `${withoutStop(of)}, by its global ID.`;
    }
    const many = /^(.+)Ids$/.exec(field);
    if (many) {
      const of = objectFieldDescription(typeName, `${many[1]}s`) ?? objectFieldDescription(typeName, many[1]!);
      if (of) return `${withoutStop(of)}, by their global IDs.`;
    }
    return undefined;
  };
  /** The object type an input (`CreateCustomerInput`, `CustomerFilter`) is about: the longest type name it ends with. */
  const nounOf = (name: string): string | undefined => {
    const stem = name.replace(/(Input|Filter|Order|OrderField|Payload)$/, '');
    let best: string | undefined;
    for (const candidate of Object.keys(types)) {
      const type = types[candidate]!;
      if (!isObjectType(type) || candidate.startsWith('__') || candidate.endsWith('Payload') || candidate.endsWith('Connection') || candidate.endsWith('Edge')) continue;
      if (stem.endsWith(candidate) && (!best || candidate.length > best.length)) best = candidate;
    }
    return best;
  };

  // Mutations: their input, their payload, the payload's fields.
  const mutationType = schema.getMutationType();
  const inputOwners = new Map<string, string[]>();
  for (const mutation of Object.values(mutationType?.getFields() ?? {})) {
    const payload = getNamedType(mutation.type);
    const results = isObjectType(payload) ? Object.keys(payload.getFields()).filter((f) => f !== 'userErrors') : [];
    for (const arg of mutation.args) {
      const input = getNamedType(arg.type);
      if (arg.name === 'input') {
        fill(arg, `What to ${words(mutation.name)}: see \`${input.name}\`.`);
        if (isInputObjectType(input)) inputOwners.set(input.name, [...(inputOwners.get(input.name) ?? []), mutation.name]);
      } else if (arg.name === 'id') fill(arg, `The global ID of what to ${words(verbOf(mutation.name))}.`);
    }
    if (isObjectType(payload) && payload.name.endsWith('Payload')) {
      const what = results.length ? results.map((r) => `\`${r}\``).join(', ') : 'the outcome';
      fill(payload, `The result of \`${mutation.name}\`: ${what}, or \`userErrors\` saying why nothing was written.`);
      for (const result of results) {
        const field = payload.getFields()[result]!;
        fill(field, `The ${words(result)} as \`${mutation.name}\` left it; null when nothing was written (see \`userErrors\`).`);
      }
    }
  }
  for (const [inputName, mutations] of inputOwners) {
    const input = types[inputName];
    if (!isInputObjectType(input)) continue;
    const mutation = mutations[0]!;
    const described = mutationType?.getFields()[mutation]?.description;
    fill(input, `The input of \`${mutation}\`${described ? `: ${lowerFirst(withoutStop(described))}` : ''}.`);
    const payload = getNamedType(mutationType!.getFields()[mutation]!.type);
    const result = isObjectType(payload) ? Object.values(payload.getFields()).find((f) => f.name !== 'userErrors') : undefined;
    const noun = result && isObjectType(getNamedType(result.type)) ? getNamedType(result.type).name : nounOf(inputName);
    for (const field of Object.values(input.getFields())) {
      if (field.name === 'id') fill(field, `The global ID of the ${noun ? words(noun) : 'record'} to ${words(verbOf(mutation))}.`);
      else if (field.name === 'version')
        fill(field, `The version you last read of what this changes; if it changed since, nothing is written and \`userErrors\` says STALE_VERSION.`);
      else fill(field, inherited(noun, field.name));
    }
  }

  for (const type of Object.values(types)) {
    if (type.name.startsWith('__')) continue;
    const name = type.name;
    if (name === 'SortDirection' && isEnumType(type)) {
      fill(type, 'Which way a list is ordered.');
      for (const value of type.getValues()) fill(value as Described, SORT[value.name]);
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      const noun = words(name);
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (field.name === 'version') fill(field, 'Increases with every change; pass it back on an update, which fails with STALE_VERSION if someone changed the record since.');
        if (field.name === 'createdAt') fill(field, `When this ${noun} was created.`);
        if (field.name === 'updatedAt') fill(field, `When this ${noun} last changed.`);
        if (field.name === 'id') fill(field, relayDescriptions.idFieldOptions.description);
        if (field.name === 'totalCount' && name.endsWith('Connection')) fill(field, 'How many there are in all (under the filter given), across every page.');
        if (field.name === 'nodes' && name.endsWith('Connection')) fill(field, 'The nodes of `edges`, for clients that need no cursors.');
        for (const arg of field.args as GraphQLArgument[]) {
          const argType = getNamedType(arg.type).name;
          if (arg.name === 'filter') fill(arg, `Only the ${words(field.name)} that match every condition given (see \`${argType}\`); all of them when omitted.`);
          if (arg.name === 'orderBy') fill(arg, `The order of the ${words(field.name)} (see \`${argType}\`).`);
          if (arg.name === 'id' && name === 'Query') fill(arg, `The global ID of the ${words(getNamedType(field.type).name)} to look up.`);
        }
      }
      if (name.endsWith('Connection')) fill(type, `A page of ${words(name.slice(0, -'Connection'.length))} items, with the cursors to page on and the total count.`);
      if (name.endsWith('Edge')) fill(type, `One ${words(name.slice(0, -'Edge'.length))} item of a page, with its cursor.`);
    }
    if (isInputObjectType(type)) {
      const order = /^(.+)Order$/.exec(name);
      if (order) {
        fill(type, `How to order a list of ${words(order[1]!)} items: by which field, which way.`);
        for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
          if (field.name === 'field') fill(field, 'What to order by.');
          if (field.name === 'direction') fill(field, 'Which way: ASC or DESC.');
        }
      }
      const filter = /^(.+)Filter$/.exec(name);
      if (filter) fill(type, `Conditions on a list of ${words(filter[1]!)} items; an item is listed when it meets all of those given.`);
      const noun = nounOf(name);
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        if (field.name === 'version') fill(field, 'The version you last read; if it changed since, nothing is written and `userErrors` says STALE_VERSION.');
        const fieldType = getNamedType(field.type);
        const list = field.type.toString().startsWith('[');
        const single = /^(.+)Id$/.exec(field.name);
        const many = /^(.+)Ids$/.exec(field.name);
        if (filter) {
          if (many) fill(field, `Only items whose ${words(many[1]!)} is one of these (global IDs).`);
          else if (single) fill(field, `Only items of this ${words(single[1]!)} (global ID).`);
          else if (isEnumType(fieldType) && list) fill(field, `Only items whose ${words(field.name)} is one of these.`);
        } else {
          fill(field, inherited(noun, field.name));
          if (many) fill(field, `The ${words(many[1]!)}s, by their global IDs.`);
          else if (single) fill(field, `The ${words(single[1]!)}, by its global ID.`);
        }
      }
    }
    if (isEnumType(type)) {
      const order = /^(.+)OrderField$/.exec(name);
      if (order) {
        fill(type, `What a list of ${words(order[1]!)} items can be ordered by.`);
        const noun = nounOf(name);
        for (const value of type.getValues() as GraphQLEnumValue[]) {
          const field = value.name.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
          const of = objectFieldDescription(noun, field);
          fill(value as Described, of ? `By ${lowerFirst(withoutStop(of))}.` : `By ${words(value.name)}.`);
        }
      }
    }
  }
}
