import { ClientInputError } from '../../src/core/errors.js';

/** The ClientInputError with `message`, whose first word is the field it names. */
export function inputError(message: string): ClientInputError {
  const at = message.indexOf(' ');
  return new ClientInputError(message.slice(0, at), message.slice(at + 1));
}
