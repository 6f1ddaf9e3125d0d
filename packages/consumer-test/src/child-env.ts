// The environment for tools run on the consumer's side. pnpm exports npm_* variables (its own
// config, the running package's fields) into every script; npm would read them as its own config,
// and the throwaway project must see what a consumer's shell has, not this workspace's settings.
import { delimiter } from 'node:path';

export function consumerEnv({ pathFirst, extra = {} }: { pathFirst?: string; extra?: Record<string, string> } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  if (pathFirst) env[pathKey] = [pathFirst, env[pathKey]].filter(Boolean).join(delimiter);
  return { ...env, NO_UPDATE_NOTIFIER: '1', ...extra };
}

/** npm as a consumer runs it (npm.cmd on Windows needs a shell, which these tests never use). */
export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
