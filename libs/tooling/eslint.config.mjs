// Shared workspace lint rules: see libs/tooling/eslint.base.mjs.
export { default } from './eslint.base.mjs';
