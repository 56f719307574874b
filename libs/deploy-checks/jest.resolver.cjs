// kubernetes-models and its helpers ship ES modules only, exported under the `import` condition,
// which Jest's CommonJS runtime does not ask for. Resolve with that condition for those packages
// (and for the files inside them) and leave every other resolution as it is.
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/|is-cidr|cidr-regex)/;
const INSIDE_ESM_ONLY = /[\\/]node_modules[\\/](kubernetes-models|@kubernetes-models[\\/][^\\/]+|is-cidr|cidr-regex)[\\/]/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request) || INSIDE_ESM_ONLY.test(`${options.basedir}/`) ? { ...options, conditions: ['import', 'node', 'default'] } : options,
  );
