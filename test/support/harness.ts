// The harness moved to `@rapport/core/testing` (packages/core/src/testing/server.ts), where third-party
// plugins' suites import it from too; core's suites keep importing it from here.
export * from '@rapport/core/testing';
