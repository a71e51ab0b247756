import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { RapportContext } from '../context.js';
import { messageIn, storedMessageIn } from '../error-messages.js';
import { fieldError, InputError, notFound } from '../errors.js';
import { readerOf } from '../shared/reader.js';
import type { DataImport, ImportMapping as ImportMappingRow } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { isUuid } from '../shared/ids.js';
import { pushIterator } from '../shared/iterator.js';
import { actingUserId, can, requirePermission } from '../auth/viewer.js';
import { withUserErrors } from '../schema/user-errors.js';
import type { DuplicateDecision, Importer, RowProblem } from './importer.js';
import type { ColumnMapping } from './mapping.js';
import { importProgress } from './progress.js';
import { importerFor, importsVisibleTo, previewImport, startImport, undoImport, type ImportLimits } from './run.js';

const limitsOf = (ctx: RapportContext): ImportLimits => ({
  maxBytes: ctx.config.imports.maxBytes,
  maxRows: ctx.config.imports.maxRows,
  syncBytes: ctx.config.imports.syncBytes,
});

/** The file's bytes from an upload (`file`) or inline text (`data`): exactly one of them. */
async function bytesOf(args: { file?: File | null; data?: string | null; fileName?: string | null }, maxBytes: number) {
  if (!!args.file === (args.data != null)) throw new InputError([fieldError('file', 'import.fileOrData')]);
  if (args.file) {
    if (args.file.size > maxBytes) throw new InputError([fieldError('file', 'import.fileTooLarge', { size: String(args.file.size), max: String(maxBytes) })]);
    return { bytes: new Uint8Array(await args.file.arrayBuffer()), fileName: args.fileName ?? args.file.name ?? null };
  }
  return { bytes: new TextEncoder().encode(args.data!), fileName: args.fileName ?? null };
}

export function registerImportSchema(builder: RapportBuilder, refs: { DuplicateReason: unknown }, importers: readonly Importer[]) {
  builder.scalarType('File', {
    description: 'A file uploaded with the GraphQL multipart request spec (input only).',
    specifiedByURL: 'https://github.com/jaydenseric/graphql-multipart-request-spec',
    serialize: () => {
      throw new GraphQLError('File is an input type');
    },
    parseValue: (value) => {
      // The server's fetch implementation brings its own File class, so this checks the shape.
      const file = value as File | null;
      if (typeof file?.arrayBuffer !== 'function' || typeof file.size !== 'number') throw new GraphQLError('File must be an uploaded file (a multipart request part)');
      return file;
    },
  });
  const Entity = builder.enumType('ImportEntity', {
    description: 'What a spreadsheet import creates (core: customers, contacts, activities; plugins add theirs).',
    values: Object.fromEntries(importers.map((i) => [i.entity, { description: i.description }])),
  });
  const Action = builder.enumType('DuplicateAction', {
    values: {
      SKIP: { description: 'Leave the row out.' },
      MERGE: { description: "Fill the existing customer's empty fields, add its tags and custom fields, and the contact if new." },
      CREATE: { description: 'Create a new customer anyway.' },
    } as const,
  });
  const Status = builder.enumType('DataImportStatus', {
    values: {
      RUNNING: {},
      DONE: { description: 'Written; for a dry run, checked (nothing written).' },
      REFUSED: { description: 'Nothing written: some rows are invalid and skipInvalid was not set.' },
      FAILED: { description: 'Nothing written: see failure.' },
      UNDONE: { description: 'Written, then undone.' },
    } as const,
  });
  const Reason = refs.DuplicateReason as Parameters<typeof builder.enumType>[0] as never;

  const RowError = builder.objectRef<RowProblem>('ImportRowError').implement({
    description: 'One invalid cell (or row).',
    fields: (t) => ({
      row: t.exposeInt('row', { description: 'The row number as the spreadsheet shows it (the header is row 1).' }),
      field: t.exposeString('field', { description: 'e.g. name, tags, custom.region; `row` for the row as a whole.' }),
      column: t.exposeString('column', { nullable: true }),
      value: t.exposeString('value', { nullable: true }),
      message: t.string({ resolve: async (e, _args, ctx) => messageIn((await readerOf(ctx)).language, e) }),
    }),
  });
  const Duplicate = builder.objectRef<DuplicateDecision>('ImportDuplicate').implement({
    description: 'A row that looks like an existing customer (or an earlier row), and what was done with it.',
    fields: (t) => ({
      row: t.exposeInt('row'),
      reasons: t.field({ type: [Reason], resolve: (d) => d.reasons as never }),
      customers: t.prismaField({
        type: ['Customer'],
        description: 'The matching customers you may see.',
        resolve: (query, d, _args, ctx) => ctx.prisma.customer.findMany({ ...query, where: { id: { in: d.customerIds } } }),
      }),
      matchesUnseen: t.boolean({ description: 'Whether it also matches customers you may not see.', resolve: (d) => d.customerIds.length === 0 && d.fileRow === null }),
      fileRow: t.exposeInt('fileRow', { nullable: true, description: 'An earlier row of the file it duplicates.' }),
      action: t.field({ type: Action, resolve: (d) => d.action }),
      customerId: t.id({ nullable: true, description: 'The customer merged into or created.', resolve: (d) => (d.customerId ? encodeGlobalID('Customer', d.customerId) : null) }),
    }),
  });

  const DataImportRef = builder.prismaNode('DataImport', {
    id: { field: 'id' },
    description: 'A spreadsheet import or dry run, with its counts and the first 1,000 errors and duplicates.',
    findUnique: (id, ctx) => ({ id, AND: [importsVisibleTo(ctx)] }),
    fields: (t) => ({
      entity: t.field({ type: Entity, resolve: (i) => i.entity as never }),
      status: t.field({ type: Status, resolve: (i) => i.status }),
      dryRun: t.exposeBoolean('dryRun'),
      fileName: t.exposeString('fileName', { nullable: true }),
      format: t.exposeString('format'),
      encoding: t.exposeString('encoding', { nullable: true, description: 'CSV: utf-8, gb18030, utf-16le/be.' }),
      delimiter: t.exposeString('delimiter', { nullable: true }),
      totalRows: t.exposeInt('totalRows', { description: 'Data rows read so far (all of them once finished).' }),
      createdCount: t.exposeInt('createdCount'),
      mergedCount: t.exposeInt('mergedCount'),
      skippedCount: t.exposeInt('skippedCount', { description: 'Duplicates skipped.' }),
      invalidCount: t.exposeInt('invalidCount', { description: 'Rows with at least one error.' }),
      duplicateCount: t.exposeInt('duplicateCount'),
      errors: t.field({ type: [RowError], resolve: (i) => i.errors as unknown as RowProblem[] }),
      duplicates: t.field({ type: [Duplicate], resolve: (i) => i.duplicates as unknown as DuplicateDecision[] }),
      failure: t.string({ nullable: true, resolve: async (i, _args, ctx) => storedMessageIn((await readerOf(ctx)).language, i.failure) }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
      undoneAt: t.expose('undoneAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const Field = builder.objectRef<{ field: string; label: string; required?: boolean }>('ImportField').implement({
    fields: (t) => ({
      field: t.exposeString('field'),
      label: t.exposeString('label'),
      required: t.boolean({ resolve: (f) => f.required ?? false }),
    }),
  });
  const Mapping = builder.objectRef<ColumnMapping>('ColumnMapping').implement({
    fields: (t) => ({ column: t.exposeString('column'), field: t.exposeString('field', { nullable: true, description: 'Null: ignored.' }) }),
  });
  const Preview = builder
    .objectRef<Awaited<ReturnType<typeof previewImport>>>('ImportPreview')
    .implement({
      fields: (t) => ({
        format: t.exposeString('format'),
        encoding: t.exposeString('encoding', { nullable: true }),
        delimiter: t.exposeString('delimiter', { nullable: true }),
        header: t.exposeStringList('header'),
        sample: t.field({ type: [['String']] as never, description: 'The first five data rows.', resolve: (p) => p.sample as never }),
        fields: t.field({ type: [Field], resolve: (p) => p.fields }),
        suggestedMapping: t.field({ type: [Mapping], resolve: (p) => p.suggested }),
      }),
    });
  const SavedMapping = builder.prismaObject('ImportMapping', {
    fields: (t) => ({
      id: t.exposeID('id'),
      entity: t.field({ type: Entity, resolve: (m) => m.entity as never }),
      name: t.exposeString('name'),
      columns: t.field({ type: [Mapping], resolve: (m) => m.columns as unknown as ColumnMapping[] }),
      version: t.exposeInt('version'),
    }),
  });

  const MappingInput = builder.inputType('ColumnMappingInput', {
    fields: (t) => ({ column: t.string({ required: true }), field: t.string({ description: 'Null or absent: ignore the column.' }) }),
  });
  const ChoiceInput = builder.inputType('DuplicateChoiceInput', {
    fields: (t) => ({
      row: t.int({ required: true, description: 'The row number as in the report.' }),
      action: t.field({ type: Action, required: true }),
      into: t.globalID({ description: 'MERGE: the customer to merge into (default: the first duplicate you may change).' }),
    }),
  });
  const ImportInput = builder.inputType('ImportRecordsInput', {
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true }),
      file: t.field({ type: 'File', description: 'The CSV or XLSX, uploaded (multipart request).' }),
      data: t.string({ description: 'Or the CSV as text, for small ones.' }),
      fileName: t.string(),
      mapping: t.field({ type: [MappingInput], description: 'Default: the saved mapping named by mappingName, else the suggestion from the header.' }),
      mappingName: t.string(),
      dryRun: t.boolean({ defaultValue: false, description: 'Check everything and write nothing.' }),
      skipInvalid: t.boolean({ defaultValue: false, description: 'Write the valid rows even if some are invalid (else all or nothing).' }),
      duplicateAction: t.field({ type: Action, defaultValue: 'SKIP', description: 'For duplicates without their own choice.' }),
      duplicateChoices: t.field({ type: [ChoiceInput] }),
      background: t.boolean({ description: 'Run as a job (default: when the file exceeds RAPPORT_IMPORT_SYNC_BYTES); follow dataImportProgress.' }),
    }),
  });

  const fileArgs = (t: any) => ({
    entity: t.arg({ type: Entity, required: true }),
    file: t.arg({ type: 'File' }),
    data: t.arg.string(),
    fileName: t.arg.string(),
  });

  builder.queryFields((t) => ({
    importPreview: t.field({
      type: Preview,
      description: "A file's header, first rows and the suggested column mapping (data.import); writes nothing.",
      args: fileArgs(t),
      resolve: async (_root, args: any, ctx) => previewImport(ctx, importers, limitsOf(ctx), { entity: args.entity, ...(await bytesOf(args, ctx.config.imports.maxBytes)) }),
    }),
    importFields: t.field({
      type: [Field],
      args: { entity: t.arg({ type: Entity, required: true }) },
      resolve: (_root, args, ctx) => {
        requirePermission(ctx.viewer, 'data.import');
        return importerFor(importers, args.entity as string).fields(ctx, ctx.prisma);
      },
    }),
    importMappings: t.prismaField({
      type: [SavedMapping],
      args: { entity: t.arg({ type: Entity, required: true }) },
      resolve: (query, _root, args, ctx) => {
        requirePermission(ctx.viewer, 'data.import');
        return ctx.prisma.importMapping.findMany({ ...query, where: { entity: args.entity as string }, orderBy: { name: 'asc' } });
      },
    }),
    dataImports: t.prismaField({
      type: [DataImportRef],
      description: 'Your imports, newest first (everyone\'s with audit.read); at most 50.',
      resolve: (query, _root, _args, ctx) => ctx.prisma.dataImport.findMany({ ...query, where: importsVisibleTo(ctx), orderBy: { startedAt: 'desc' }, take: 50 }),
    }),
  }));

  // One payload per mutation (docs/graph-conventions.md): the result, null when refused, and userErrors.
  const ImportRecordsPayload = builder.objectRef<{ dataImport: DataImport }>('ImportRecordsPayload').implement({
    description: 'The import (or dry run) started or finished.',
    fields: (t) => ({
      dataImport: t.field({ type: DataImportRef, nullable: true, description: 'The import with its counts, errors and duplicates; null when the input was refused.', resolve: (p) => p.dataImport }),
    }),
  });
  withUserErrors(builder, ImportRecordsPayload);
  const UndoImportInput = builder.inputType('UndoImportInput', {
    description: 'Which import to take back.',
    fields: (t) => ({ id: t.globalID({ required: true, for: DataImportRef, description: 'The import.' }) }),
  });
  const UndoImportPayload = builder.objectRef<{ dataImport: DataImport }>('UndoImportPayload').implement({
    description: 'The import taken back.',
    fields: (t) => ({
      dataImport: t.field({ type: DataImportRef, nullable: true, description: 'The import, now UNDONE; null when it could not be undone.', resolve: (p) => p.dataImport }),
    }),
  });
  withUserErrors(builder, UndoImportPayload);
  const SaveMappingInput = builder.inputType('SaveImportMappingInput', {
    description: 'A named column mapping to save (it replaces one of the same name and entity).',
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true, description: 'What the mapping imports.' }),
      name: t.string({ required: true, description: '1 to 100 characters; unique per entity.' }),
      columns: t.field({ type: [MappingInput], required: true, description: 'Each column of the file and the field it fills.' }),
    }),
  });
  const SaveMappingPayload = builder.objectRef<{ mapping: ImportMappingRow }>('SaveImportMappingPayload').implement({
    description: 'The mapping saved.',
    fields: (t) => ({ mapping: t.field({ type: SavedMapping, nullable: true, description: 'The saved mapping; null when refused.', resolve: (p) => p.mapping }) }),
  });
  withUserErrors(builder, SaveMappingPayload);

  builder.mutationFields((t) => ({
    importRecords: t.field({
      type: ImportRecordsPayload,
      description: 'Imports (or with dryRun checks) a CSV or XLSX; see docs/data-in-out.md.',
      args: { input: t.arg({ type: ImportInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const { bytes, fileName } = await bytesOf(input, ctx.config.imports.maxBytes);
        let mapping = input.mapping?.map((m) => ({ column: m.column, field: m.field ?? null })) ?? null;
        if (!mapping && input.mappingName) {
          const saved = await ctx.prisma.importMapping.findUnique({ where: { entity_name: { entity: input.entity as string, name: input.mappingName } } });
          if (!saved) throw new InputError([fieldError('mappingName', 'import.unknownMapping')]);
          mapping = saved.columns as unknown as ColumnMapping[];
        }
        const dataImport = await startImport(ctx, importers, limitsOf(ctx), {
          entity: input.entity as string,
          bytes,
          fileName,
          mapping,
          dryRun: input.dryRun ?? false,
          skipInvalid: input.skipInvalid ?? false,
          duplicates: {
            defaultAction: input.duplicateAction ?? 'SKIP',
            rows: (input.duplicateChoices ?? []).map((c) => ({ row: c.row, action: c.action, into: c.into?.id && isUuid(c.into.id) ? c.into.id : null })),
          },
          background: input.background ?? null,
        });
        return { dataImport };
      },
    }),
    undoImport: t.field({
      type: UndoImportPayload,
      description: 'Takes an import back while nothing it wrote has changed (a CONFLICT user error otherwise).',
      args: { input: t.arg({ type: UndoImportInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        if (!isUuid(input.id.id)) throw notFound('Import');
        return { dataImport: await undoImport(ctx, importers, input.id.id) };
      },
    }),
    saveImportMapping: t.field({
      type: SaveMappingPayload,
      description: 'Saves (or replaces) a named column mapping for reuse.',
      args: { input: t.arg({ type: SaveMappingInput, required: true }) },
      resolve: async (_root, { input: args }, ctx) => {
        requirePermission(ctx.viewer, 'data.import');
        const name = args.name.trim();
        if (!name || name.length > 100) throw new InputError([fieldError('name', 'import.mappingName')]);
        const columns = args.columns.map((c) => ({ column: c.column, field: c.field ?? null }));
        const known = new Set((await importerFor(importers, args.entity as string).fields(ctx, ctx.prisma)).map((f) => f.field));
        const unknown = columns.map((c, i) => (c.field && !known.has(c.field) ? fieldError(`columns.${i}.field`, 'import.notAField') : null)).filter((e) => e !== null);
        if (unknown.length) throw new InputError(unknown);
        const entity = args.entity as string;
        const mapping = await ctx.prisma.importMapping.upsert({
          where: { entity_name: { entity, name } },
          create: { entity, name, columns, createdById: ctx.viewer?.id ?? null },
          update: { columns, version: { increment: 1 } },
        });
        return { mapping };
      },
    }),
  }));

  builder.subscriptionField('dataImportProgress', (t) =>
    t.field({
      type: DataImportRef,
      description: 'An import as it runs: after every batch of rows, then once finished (and then the subscription ends).',
      args: { id: t.arg.globalID({ required: true, for: DataImportRef }) },
      subscribe: async (_root, args, ctx) => {
        const id = args.id.id;
        const running = importProgress.current(id);
        const stored = running ? null : isUuid(id) ? await ctx.prisma.dataImport.findFirst({ where: { AND: [{ id }, importsVisibleTo(ctx)] } }) : null;
        const mine = running && (can(ctx.viewer, 'audit.read') || running.startedById === actingUserId(ctx.viewer));
        const first = mine ? running : stored;
        if (!first) throw notFound('Import');
        const source = pushIterator<DataImport>((push) => {
          push(first);
          return first.status === 'RUNNING' ? importProgress.listen(id, push) : () => {};
        });
        return (async function* () {
          try {
            for await (const snapshot of source) {
              yield snapshot;
              if (snapshot.status !== 'RUNNING') return;
            }
          } finally {
            await source.return?.();
          }
        })();
      },
      resolve: (snapshot: DataImport) => snapshot,
    }),
  );
}
