// The run's database templates (see packages/core/src/testing/global-setup.ts).
export { default } from '@rapport/core/testing/global-setup';
