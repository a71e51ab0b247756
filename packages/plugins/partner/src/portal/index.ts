import { describeSchema, printSortedSchema, reportUserErrors, type EnabledPlugin, type RapportConfig } from '@rapport/core';
import type { GraphQLSchema } from 'graphql';
import type { PartnerConfig } from '../config.js';
import { createPortalBuilder } from './builder.js';
import { applyContributions } from './contributions.js';
import { registerPortalSchema } from './schema.js';

/** The portal schema: the partner plugin's types plus what enabled plugins contribute, nothing else. */
export function buildPortalSchema(options: { config: PartnerConfig; deployment: RapportConfig; plugins: readonly EnabledPlugin[] }): GraphQLSchema {
  const { config, deployment, plugins } = options;
  const builder = createPortalBuilder({ maxPageSize: deployment.maxPageSize, defaultPageSize: deployment.defaultPageSize });
  const refs = registerPortalSchema(builder, config, deployment);
  applyContributions(builder, refs, plugins);
  const schema = builder.toSchema();
  describeSchema(builder, schema);
  reportUserErrors(schema);
  return schema;
}

export function printPortalSchema(options: Parameters<typeof buildPortalSchema>[0]): string {
  return printSortedSchema(buildPortalSchema(options));
}
