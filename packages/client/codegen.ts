import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed SDL: a change to schema.graphql that breaks an operation
// fails `npm run client:generate` (and the drift test), not a user's screen.
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
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
  hooks: {},
};

export default config;
