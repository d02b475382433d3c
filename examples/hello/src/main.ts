import { createSqliteStore, serve } from '@halway/server';
import { createApp } from './app.js';

// One SQLite file holds the tasks; TASKS_DB moves it (default: tasks.db in the working directory).
const file = process.env.TASKS_DB ?? 'tasks.db';
const port = Number(process.env.PORT ?? 3000);
try {
  const { url } = await serve(createApp(createSqliteStore({ file })), { port });
  console.log(`Tasks service at ${url}/ (tasks kept in ${file})`);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
  // One line, not a stack: what happened and the variable that changes it.
  console.error(`${(error as Error).message}; set PORT to use another`);
  process.exit(1);
}
