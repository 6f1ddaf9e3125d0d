// Logs how long each phase took, so a slow run shows where the time went.
export async function timed<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  let outcome = 'failed';
  try {
    const result = await work();
    outcome = 'done';
    return result;
  } finally {
    console.log(`[consumer-test] ${phase}: ${((performance.now() - started) / 1000).toFixed(1)} s (${outcome})`);
  }
}
