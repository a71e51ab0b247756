import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * The Prisma types in select mode (Customer, Contact, Activity, User) fetch only the columns a
 * query's selection exposes. plugin-prisma then wraps every exposed column's resolver: per row it
 * looks up which plan loaded the row and, when none did (a row a service returned, as in a mutation
 * payload), loads the column again with a query of its own. A column the row already holds needs
 * neither: this answers it from the row and leaves the plugin's resolver for the rows that lack it.
 * Only plain exposed columns (`t.expose*`), whose resolver reads nothing but `row[column]`, and
 * never one behind an auth scope (of the field or of its type): those keep every wrapper.
 */
const GUARDS = ['authScopes', 'grantScopes', 'skipTypeScopes', 'skipInterfaceScopes', 'unauthorizedResolver'];
const guarded = (options: unknown) => typeof options === 'object' && options !== null && GUARDS.some((key) => key in options);

export function answerLoadedColumns(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || guarded(type.extensions?.pothosOptions)) continue;
    for (const field of Object.values(type.getFields())) {
      const column = field.extensions?.pothosPrismaVariant;
      const select = field.extensions?.pothosPrismaSelect as Record<string, unknown> | false | undefined;
      const exposed = field.extensions?.pothosExposedField === column;
      if (typeof column !== 'string' || !exposed || !select || Object.keys(select).length !== 1 || select[column] !== true) continue;
      if (!field.resolve || guarded(field.extensions?.pothosOptions)) continue;
      const planned: GraphQLFieldResolver<unknown, unknown> = field.resolve;
      field.resolve = (row, args, ctx, info) => {
        const value = (row as Record<string, unknown>)[column];
        return value === undefined ? planned(row, args, ctx, info) : value;
      };
    }
  }
}
