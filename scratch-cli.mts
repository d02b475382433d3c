import { fork } from 'node:child_process';
import http from 'node:http';
import { createClient } from '@halway/client';
const child = fork('scratch-srvproc.mts', [], { execArgv: ['--conditions=halway-source', '--import', 'tsx'] });
const urls = await new Promise<{ orders: string }>((r) => child.once('message', r as never));
const entry = `${urls.orders}/`;
const agent = new http.Agent({ keepAlive: true });
const raw = () => new Promise<unknown>((r, j) => http.get(entry, { agent, headers: { accept: 'application/prs.hal-forms+json' } }, (res) => { let s = ''; res.setEncoding('utf8'); res.on('data', (c) => (s += c)); res.on('end', () => r(JSON.parse(s))); }).on('error', j));
const halway = async () => (await createClient().go(entry).get()).properties;
const shared = createClient();
await shared.go(entry).get();
const revalidate = async () => (await shared.go(entry).refresh()).properties;
const order = await (await createClient().go(entry).get()).form('place-order').submit({ drink: 'latte', size: 'large' });
const patch = async () => (await order.form('update').submit({ size: 'small' }));
const N = Number(process.env.N ?? 3000);
const which = process.env.ONLY?.split(',') ?? ['raw', 'halway', 'revalidate', 'patch'];
const fns: Record<string, () => Promise<unknown>> = { raw, halway, revalidate, patch };
const totals: Record<string, number[]> = {};
for (let round = 0; round < Number(process.env.R ?? 4); round++) for (const name of which) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await fns[name]!();
  const c = process.cpuUsage(c0);
  if (round > 0) (totals[name] ??= []).push(Math.round((c.user + c.system) / N));
}
console.log(Object.entries(totals).map(([k, v]) => `${k} ${v.join('/')}`).join('  '), 'µs CPU per call');
child.kill(); process.exit(0);
