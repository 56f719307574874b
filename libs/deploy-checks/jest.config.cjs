// kubernetes-models ships ES modules only: resolve them with the `import` condition
// (jest.resolver.cjs) and compile them, as the preset does for Nest's.
module.exports = require('../../libs/tooling/jest-preset.cjs')(__dirname, {
  resolver: `${__dirname}/jest.resolver.cjs`,
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|kubernetes-models|@kubernetes-models|ajv-i18n|is-cidr|cidr-regex)/)'],
});
