import type { RapportBuilder } from '../schema/builder.js';
import type { Exporter } from './exporter.js';
import { withUserErrors } from '../schema/user-errors.js';
import { EXPORT_PATH, requestExport } from './run.js';

export function registerExportSchema(builder: RapportBuilder, exporters: readonly Exporter[]) {
  const Entity = builder.enumType('ExportEntity', {
    description: 'Lists that export to a spreadsheet (core: customers, contacts, activities; plugins add theirs).',
    values: Object.fromEntries(exporters.map((e) => [e.entity, { description: e.description }])),
  });
  const Format = builder.enumType('ExportFormat', { values: ['CSV', 'XLSX'] as const });
  const Link = builder.objectRef<{ id: string; token: string; expiresAt: Date }>('ExportLink').implement({
    description: 'Where to download the export: once, within minutes, with a plain GET (no Authorization header needed).',
    fields: (t) => ({
      path: t.string({ description: `${EXPORT_PATH}?token=… on this server.`, resolve: (l) => `${EXPORT_PATH}?token=${encodeURIComponent(l.token)}` }),
      token: t.exposeString('token', { description: 'The one-time token the path carries.' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'After this the link no longer works.' }),
    }),
  });
  const Input = builder.inputType('RequestExportInput', {
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true }),
      format: t.field({ type: Format, required: true }),
      filter: t.field({ type: 'JSON', description: "The list's own filter input (e.g. CustomerFilter for CUSTOMER), as JSON." }),
    }),
  });
  type LinkRow = { id: string; token: string; expiresAt: Date };
  // The link's fields stay on the payload (deprecated) so that queries written against ExportLink keep working.
  const Payload = builder.objectRef<{ link: LinkRow }>('RequestExportPayload').implement({
    description: 'The download link of the requested export.',
    fields: (t) => ({
      link: t.field({ type: Link, nullable: true, description: 'Where to download it; null when the export was refused.', resolve: (p) => p.link }),
      path: t.string({ nullable: true, description: 'The link’s path.', deprecationReason: 'Use `link { path }`.', resolve: (p) => `${EXPORT_PATH}?token=${encodeURIComponent(p.link.token)}` }),
      token: t.string({ nullable: true, description: 'The link’s token.', deprecationReason: 'Use `link { token }`.', resolve: (p) => p.link.token }),
      expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the link expires.', deprecationReason: 'Use `link { expiresAt }`.', resolve: (p) => p.link.expiresAt }),
    }),
  });
  withUserErrors(builder, Payload);
  builder.mutationField('requestExport', (t) =>
    t.field({
      type: Payload,
      description: 'Exports a list as the viewer may see it, every row (no page-size cap), streamed (data.export). See docs/data-in-out.md.',
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_root, { input }, ctx, info) => ({
        link: await requestExport(ctx, info.schema, exporters, { entity: input.entity as string, format: input.format, filter: input.filter }),
      }),
    }),
  );
  return { ExportEntity: Entity, ExportFormat: Format };
}
