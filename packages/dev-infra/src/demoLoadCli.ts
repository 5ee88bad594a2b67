/*
 * meshport-demo-load <plan.json>: runs the demo load (see demoLoad.ts) against the running local
 * infra until SIGINT/SIGTERM.
 */
import fs from 'fs';
import { readInfraConnection } from './envFile';
import { DemoLoadPlan, startDemoLoad } from './demoLoad';

const log = (message: string) =>
  process.stderr.write(`[meshport-demo-load] ${message}\n`);

export async function runDemoLoadCli(argv = process.argv.slice(2)) {
  const [planFile] = argv;
  if (!planFile) {
    log('Usage: meshport-demo-load <plan.json>');
    process.exit(2);
  }
  const connection = readInfraConnection();
  if (!connection) {
    log('No local infra is running: start it with meshport-infra start.');
    process.exit(1);
  }
  const plan: DemoLoadPlan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  const load = await startDemoLoad(connection, plan, { log });
  const stop = async () => {
    await load.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
