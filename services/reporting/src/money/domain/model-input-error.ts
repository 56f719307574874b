/** The financing model or the forecast cannot be computed from its input: `field` names what is wrong or missing. */
export class ModelInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
