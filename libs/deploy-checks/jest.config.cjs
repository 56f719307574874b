// kubernetes-models 4.x ships CommonJS builds (the `require` condition), which Jest's CommonJS
// runtime loads as they are: the shared settings suffice.
module.exports = require('../../libs/tooling/jest-preset.cjs')(__dirname);
