// What create and update hand back to the engine, also when they fail half-way.
type Props = Record<string, unknown>;

export interface CreateResult {
  id: string;
  outs: Props;
}

/** An error that tells the engine a resource exists although the operation failed. */
export class PartialResourceError extends Error {
  constructor(
    cause: Error,
    readonly id: string,
    readonly properties: Props,
  ) {
    super(cause.message, { cause });
    this.name = "PartialResourceError";
  }
  get reasons(): string[] {
    return [this.message];
  }
}
