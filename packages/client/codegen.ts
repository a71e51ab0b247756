import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed SDL: a change to schema.graphql that breaks an operation
// fails `npm run client:generate` (and the drift test), not a user's screen.
// The allow-list's ids are the hex sha256 of each operation's text, as Apollo's persisted queries send them.
const sha256 = (operation: string) => createHash('sha256').update(operation).digest('hex');

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: sha256 } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          Date: 'string',
          Decimal: 'string',
          JSON: 'unknown',
          File: 'File',
        },
      },
    },
  },
};

export default config;
