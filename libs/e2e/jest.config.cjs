module.exports = require('../../libs/tooling/jest-preset.cjs')(__dirname, { testTimeout: 180000 });
