// `cloud-backup-mock check-live`: the live read-only check (src/proxy/check-live.ts) run from the
// command line, its findings printed one line each, and its exit code the verdict.
import { resolve } from 'node:path';
import type { CheckLiveCommand } from './args.js';
import { bundledContractPath } from './contracts.js';
import { CredentialsError } from './credentials.js';
import { checkLive, regionalBaseUrl } from './proxy/check-live.js';
import { type ContractForDrift, contractForDrift, defaultMaxAnswerBytes } from './proxy/proxy-api.js';
import { upstreamResigners } from './proxy/proxy-credentials.js';
import { DriftReport, findingLine } from './proxy/report.js';
import type { Resigner } from './proxy/resign.js';
import { readUpstreamUrl } from './proxy/upstream-url.js';

/** Runs the check; 0 without drift, 1 with drift or when it cannot run (said on stderr). */
export async function runCheckLive(options: CheckLiveCommand, name: string): Promise<number> {
  const fail = (message: string) => {
    console.error(`${name} check-live: ${message}`);
    return 1;
  };
  const file = options.spec === undefined ? bundledContractPath(options.api) : resolve(options.spec);
  let contract: ContractForDrift;
  try {
    contract = contractForDrift(file);
  } catch {
    return fail(`the contract ${file} cannot be read as JSON`);
  }
  let baseUrl: URL;
  try {
    baseUrl = readUpstreamUrl(options.endpoint ?? regionalBaseUrl(contract.doc, options.region!), options.endpoint === undefined ? '--region' : '--endpoint');
  } catch (error) {
    return fail((error as Error).message);
  }
  let resign: Resigner;
  try {
    resign = (await upstreamResigners(options.credentials, [options.api], options.credentialsFile))[options.api]!;
  } catch (error) {
    if (error instanceof CredentialsError) return fail(error.message);
    throw error;
  }
  const report = new DriftReport(options.report, (finding) => console.log(`drift: ${findingLine(finding)}`));
  console.log(`${name} check-live: ${options.api} at ${baseUrl.origin}${baseUrl.pathname.replace(/\/$/, '')}`);
  const findings = await checkLive({
    api: options.api,
    contract,
    baseUrl,
    resign,
    report,
    params: options.params,
    timeoutMs: options.timeoutMs,
    maxAnswerBytes: defaultMaxAnswerBytes,
    onCall: (line) => console.log(`  ${line}`),
  });
  console.log(
    `${name} check-live: ${report.answersChecked} answers checked, ${findings.length === 0 ? 'no drift' : `${findings.length} finding${findings.length === 1 ? '' : 's'} of drift`}${options.report ? ` (report: ${options.report})` : ''}`,
  );
  return findings.length === 0 ? 0 : 1;
}
