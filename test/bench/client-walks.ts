// One contender of npm run bench:client, in its own process so that process.cpuUsage() is the
// client's alone: `halway` or `ketting`, walking the coffee shop from its entry URL. The parent
// sends { workflows: N }; this process walks N workflows (client-workflows.ts) one after another
// and answers with the wall and CPU time they took and the orders it placed, or with the error
// that stopped it.
import { WORKFLOWS, type Contender } from './client-workflows.js';

const [which, entry = ''] = process.argv.slice(2);
const walk = WORKFLOWS[which as Contender] as (typeof WORKFLOWS)[Contender] | undefined;
if (walk === undefined || entry === '')
  throw new Error('usage: client-walks.ts halway|ketting ENTRY');

process.on('message', (message: { workflows: number }) => {
  void (async () => {
    try {
      const orders: string[] = [];
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let index = 0; index < message.workflows; index++) orders.push(await walk(entry));
      const ms = performance.now() - started;
      const { user, system } = process.cpuUsage(cpu);
      process.send?.({ ms, cpuMs: (user + system) / 1000, orders });
    } catch (error) {
      process.send?.({
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
process.send?.('ready');
