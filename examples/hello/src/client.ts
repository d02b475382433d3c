import { createClient } from '@halway/client';

// A program that uses the tasks service knowing only its entry URL and its forms' names.
const client = createClient();
const home = await client.go(process.argv[2] ?? 'http://localhost:3000/').get();
const task = await home.form('add-task').submit({ title: 'Try Halway' });
console.log(`added ${task.url}, which offers complete: ${task.hasForm('complete')}`);
const done = await task.form('complete').submit({});
console.log(`completed ${done.url}: done is ${String(done.properties.done)}`);
