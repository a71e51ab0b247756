// The schema coordinates without a description (docs/graph-conventions.md, Descriptions):
// test/graph-conventions.test.ts fails on any. Run directly (`npx tsx test/support/undescribed.ts`) it
// lists them per endpoint.
import { fileURLToPath } from 'node:url';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, specifiedScalarTypes, type GraphQLSchema } from 'graphql';
import { endpointSdls, schemaSdl } from './schema.js';

const builtIn = new Set(specifiedScalarTypes.map((s) => s.name));

/** Every coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) that has no description, sorted. */
export function undescribedCoordinates(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing.sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sdls = { graphql: schemaSdl(), ...endpointSdls() };
  const missing = Object.fromEntries(Object.entries(sdls).map(([name, sdl]) => [name, undescribedCoordinates(buildSchema(sdl))]));
  console.log(JSON.stringify(missing, null, 2));
}
