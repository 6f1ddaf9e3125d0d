// ProxyFront-mode fronts (src/front/front.ts with src/proxy/), started in the test process in front
// of an upstream the test chooses: the suite's verifying mock, or a stand-in server of its own.
import { type ApiName, bundledContractIndex, bundledContractPath } from '../../src/contracts.ts';
import { createVerifiers, type VerifyingCredentials } from '../../src/credentials.ts';
import { type Front, startFront } from '../../src/front/front.ts';
import type { DriftFinding } from '../../src/proxy/drift.ts';
import { contractForDrift, proxyApi } from '../../src/proxy/proxy-api.ts';
import { DriftReport, findingLine } from '../../src/proxy/report.ts';
import { createResigner } from '../../src/proxy/resign.ts';

export interface ProxyOptions {
  api: ApiName;
  /** the upstream's base URL */
  upstream: string;
  /** the `upstream` entry requests are re-signed with (the client's `auth` shape) */
  auth: Record<string, unknown>;
  /** the verifying mode on the proxy itself, with these callers' keys */
  callers?: VerifyingCredentials;
  report?: string;
  timeoutMs?: number;
  maxAnswerBytes?: number;
}

export interface ProxyFront {
  url: string;
  findings: DriftFinding[];
  /** each finding as printed, one line each */
  lines: string[];
  report: DriftReport;
  close(): Promise<void>;
}

const contracts = new Map<ApiName, ReturnType<typeof contractForDrift>>();

export async function startProxy(options: ProxyOptions): Promise<ProxyFront> {
  const { api } = options;
  const contract = contracts.get(api) ?? contractForDrift(bundledContractPath(api));
  contracts.set(api, contract);
  const lines: string[] = [];
  const report = new DriftReport(options.report, (finding) => lines.push(findingLine(finding)));
  const proxy = proxyApi({
    api,
    contract,
    upstream: new URL(options.upstream),
    resign: await createResigner(options.auth, `credentials["${api}"].upstream`),
    report,
    timeoutMs: options.timeoutMs,
    maxAnswerBytes: options.maxAnswerBytes,
  });
  const front: Front = await startFront({
    contract: bundledContractIndex(api),
    host: '127.0.0.1',
    port: 0,
    // never reached: the proxy answers in place of Prism
    upstreamPort: 9,
    verifier: options.callers === undefined ? undefined : createVerifiers(options.callers).byApi[api],
    proxy,
  });
  return { url: `http://127.0.0.1:${front.port}`, findings: report.findings, lines, report, close: () => front.close() };
}
