// Shared workspace lint rules: see libs/tooling/eslint.base.mjs.
export { default } from '../../libs/tooling/eslint.base.mjs';
