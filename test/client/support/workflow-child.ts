// Runs the RESTBucks workflow in its own process, saving each cursor to a file, so that a test
// can kill the process mid-workflow and resume from what it saved.
import { writeFileSync } from 'node:fs';
import { createClient } from '@halway/client';
import { ORDER_AND_PAY } from './restbucks.js';

const [entry, cursorFile] = process.argv.slice(2);
if (!entry || !cursorFile) throw new Error('usage: workflow-child <entry> <cursor file>');

const client = createClient({ retry: false });
await client.run(entry, ORDER_AND_PAY, {
  onCursor: (cursor) => writeFileSync(cursorFile, JSON.stringify(cursor)),
});
writeFileSync(`${cursorFile}.finished`, 'yes');
