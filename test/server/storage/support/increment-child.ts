// A process that races others on one store: it increments a shared counter `count` times, each
// in its own transaction, then prints how many of its guarded "take" attempts succeeded.
import { openShared } from './engines.js';

const [where, count] = process.argv.slice(2) as [string, string];
const store = openShared(where);
let taken = 0;
const work = Array.from({ length: Number(count) }, async () => {
  await store.transaction(async (db) => {
    const counter = await db.get<{ value: number }>('counter', 'shared');
    if (!counter) throw new Error('no counter');
    counter.value++;
  });
  const took = await store.transaction(async (db) => {
    const prize = await db.get<{ taken: boolean }>('prize', 'one');
    if (!prize || prize.taken) return false;
    prize.taken = true;
    return true;
  });
  if (took) taken++;
});
await Promise.all(work);
await store.close();
process.stdout.write(JSON.stringify({ taken }));
