/**
 * @module
 * Clean shutdown of a long-running script: on SIGINT or SIGTERM (npm forwards both to its script),
 * run `stop` once, then exit, so no workerd or wrangler process outlives the npm process.
 * A second signal while stopping exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    stop().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 143),
      (error: unknown) => {
        console.error('stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
