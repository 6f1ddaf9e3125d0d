import type { AttemptRecord, ClientLogger } from '../../src/core/attempt-log.js';
import type { ReceivedRequest } from './scripted-server.js';

export type LoggedLine = { level: 'info' | 'warn' | 'error'; message: string; record: AttemptRecord };

/** A logger that keeps every line at every level, for assertions and secret scans. */
export function recordingLogger(): ClientLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    info: (message, record) => lines.push({ level: 'info', message, record }),
    warn: (message, record) => lines.push({ level: 'warn', message, record }),
    error: (message, record) => lines.push({ level: 'error', message, record }),
  };
}

/** Each way a secret could show up in a log: as sent, percent-encoded, base64 and base64url. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [...new Set([secret, encodeURIComponent(secret), bytes.toString('base64'), bytes.toString('base64url')])];
}

/** The forms of `secrets` found anywhere in `text`. */
export function leakedForms(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap(secretForms).filter((form) => form.length >= 8 && text.includes(form));
}

/** Every per-request secret a server saw: Authorization headers, tokens, V2 signatures and STS tokens. */
export function wireSecrets(received: readonly ReceivedRequest[]): string[] {
  return received.flatMap((request) => {
    const { authorization, 'x-auth-token': token, 'x-security-token': security, 'x-acs-security-token': sts } = request.headers;
    const query = request.url.searchParams;
    return [authorization, token, security, sts, query.get('Signature'), query.get('SecurityToken')].filter(
      (value): value is string => typeof value === 'string',
    );
  });
}

/** A logger that checks each line and record as it arrives for `secrets()` in any form, and keeps what it found. */
export function scanningLogger(secrets: () => readonly string[]): ClientLogger & { lines: number; leaks: string[] } {
  const scanned = { lines: 0, leaks: [] as string[] };
  const check = (level: string) => (message: string, record: AttemptRecord) => {
    scanned.lines++;
    for (const form of leakedForms(`${message} ${JSON.stringify(record)}`, secrets())) scanned.leaks.push(`${level}: ${form}`);
  };
  return Object.assign(scanned, { info: check('info'), warn: check('warn'), error: check('error') });
}
