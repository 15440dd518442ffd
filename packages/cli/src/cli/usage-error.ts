/** A mistake in how the command was called. Printed with a pointer to the help; exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose help to point to (`links`, `download`), if known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}
