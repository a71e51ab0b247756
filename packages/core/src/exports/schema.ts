import type { RapportBuilder } from '../schema/builder.js';
import type { Exporter } from './exporter.js';
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
      token: t.exposeString('token'),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    }),
  });
  const Input = builder.inputType('RequestExportInput', {
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true }),
      format: t.field({ type: Format, required: true }),
      filter: t.field({ type: 'JSON', description: "The list's own filter input (e.g. CustomerFilter for CUSTOMER), as JSON." }),
    }),
  });
  builder.mutationField('requestExport', (t) =>
    t.field({
      type: Link,
      description: 'Exports a list as the viewer may see it, every row (no page-size cap), streamed (data.export). See docs/data-in-out.md.',
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: (_root, { input }, ctx, info) => requestExport(ctx, info.schema, exporters, { entity: input.entity as string, format: input.format, filter: input.filter }),
    }),
  );
}
