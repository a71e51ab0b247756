import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { RapportContext } from '../context.js';
import { auditEntriesWritten, recordAudit } from './service.js';

/**
 * Makes "every mutation is audited" hold by construction, for core and plugins alike: a Mutation field
 * whose resolver succeeded without recording anything gets an entry with its name and (secret-free)
 * arguments. Services record richer entries (entity, before, after) in the transaction of the change;
 * this one is written after it, so it is the safety net, not the rule.
 */
export function auditEveryMutation(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx: RapportContext, info) => {
      const before = auditEntriesWritten(ctx);
      const result: unknown = await resolve(root, args, ctx, info);
      if (auditEntriesWritten(ctx) === before) {
        await recordAudit(ctx.prisma, ctx, { action: `mutation.${info.fieldName}`, after: { arguments: args } });
      }
      return result;
    };
  }
}
