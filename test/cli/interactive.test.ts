import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';

const BIN = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url));

/**
 * Runs `halway` in a pseudo-terminal (util-linux `script`), answering each prompt once its text
 * has appeared; bounded to 20 s.
 */
function inTerminal(
  args: string[],
  answers: [RegExp, string][],
): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, '--conditions=halway-source', '--import', 'tsx', BIN, ...args]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        HALWAY_CONFIG: '',
        XDG_CONFIG_HOME: '/nonexistent',
        TERM: 'xterm',
      },
    });
    let screen = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no end within 20 s; the screen was:\n${screen}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      while (next < answers.length && answers[next]![0].test(screen)) {
        child.stdin.write(answers[next]![1]);
        next++;
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, screen });
    });
  });
}

const DOWN = '\x1b[B';

describe('halway submit (on a terminal)', function () {
  this.timeout(30_000);
  let shop: CoffeeShop;

  before(async () => {
    shop = await startCoffeeShop({ explorer: false });
  });
  after(() => shop.close());

  it('should ask for each field, pick options from the remote list, check each answer and send', async () => {
    const { code, screen } = await inTerminal(
      ['submit', `${shop.urls.orders}/`, 'place-order'],
      [
        [/Hot chocolate/, `${DOWN}${DOWN}\r`],
        [/Size/, '\r'],
        [/Quantity/, '\x7f20\r'],
        [/must be at most 10/, '\x7f\x7f3\r'],
        [/Where/, `${DOWN}\r`],
      ],
    );
    expect(code, screen).to.equal(0);
    expect(screen).to.match(/Place an order: 201 http:\/\/127\.0\.0\.1:\d+\/orders\/[0-9a-f-]{36}/);
    const { items } = await shop.services.orders.store.read((db) =>
      db.find('order', { newestFirst: true, limit: 1 }),
    );
    const order = items[0];
    expect(order).to.include({ drink: 'latte', size: 'medium', quantity: 3, location: 'in-store' });
  });
});
