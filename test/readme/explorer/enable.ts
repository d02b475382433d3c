import { explorer } from '@halway/explorer';
import { createService, defineHome } from '@halway/server';

const paymentsUrl = process.env.PAYMENTS_URL ?? 'http://localhost:4002/';
const resources = [defineHome({ title: 'Orders' })];

export const app = createService({ resources, explorer: explorer({ peers: [paymentsUrl] }) });
