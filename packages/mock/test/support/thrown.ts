/** What `run` throws, for asserting on its fields; a run that does not throw fails the test. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

/** JSON.parse's own message for `text` (its wording differs between Node versions). */
export const jsonParseError = (text: string): string => (thrown(() => JSON.parse(text)) as Error).message;
