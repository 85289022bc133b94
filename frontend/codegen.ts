import type { CodegenConfig } from '@graphql-codegen/cli';

// Types and typed documents are generated from the schema files on disk, so
// codegen never needs a running server. Documents live one per file in
// src/features/*/api/*.graphql.
const config: CodegenConfig = {
  schema: '../graph/schema/*.graphqls',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { ID: 'string', Time: 'string', Map: 'Record<string, unknown>' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: false,
        dedupeFragments: true,
      },
    },
  },
};

export default config;
