import { createSqliteStore, serve } from '@halway/server';
import { createApp } from './app.js';

// One SQLite file holds the tasks; TASKS_DB moves it (default: tasks.db in the working directory).
const store = createSqliteStore({ file: process.env.TASKS_DB ?? 'tasks.db' });
const { url } = await serve(createApp(store), { port: Number(process.env.PORT ?? 3000) });
console.log(`Tasks service at ${url}/ (tasks kept in ${process.env.TASKS_DB ?? 'tasks.db'})`);
