import { serve } from '@halway/server';
import { createApp } from './app.js';

const { url } = await serve(createApp(), { port: Number(process.env.PORT ?? 3000) });
console.log(`Tasks service at ${url}/`);
