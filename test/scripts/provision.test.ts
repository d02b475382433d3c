import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { findChromium, findPostgres, ProvisionError } from '../../scripts/provision.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/provision.js', import.meta.url));

/** Runs `node scripts/provision.js …programs` with `env` added to this process's environment. */
function provision(env: Record<string, string>, ...programs: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...programs], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/provision.js', () => {
  let directory: string;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'halway-provision-'));
    writeFileSync(join(directory, 'initdb'), '#!/bin/sh\n');
    chmodSync(join(directory, 'initdb'), 0o755);
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('should use CHROMIUM_PATH and PG_BIN when they name programs that are there', () => {
    const found = provision(
      { CHROMIUM_PATH: process.execPath, PG_BIN: directory },
      'chromium',
      'postgres',
    );
    expect(found.status).to.equal(0);
    expect(found.stdout).to.equal(`chromium: ${process.execPath}\npostgres: ${directory}\n`);
  });

  it('should fail, naming the variable, when CHROMIUM_PATH or PG_BIN points at nothing', () => {
    const missing = join(directory, 'missing');
    const chromium = provision({ CHROMIUM_PATH: missing }, 'chromium');
    expect(chromium.status).to.equal(1);
    expect(chromium.stderr).to.include('CHROMIUM_PATH').and.include(missing);
    const postgres = provision({ PG_BIN: missing }, 'postgres');
    expect(postgres.status).to.equal(1);
    expect(postgres.stderr).to.include('PG_BIN').and.include(missing);
  });

  it('should refuse a program it does not know', () => {
    const unknown = provision({}, 'firefox');
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.include('firefox');
  });

  it('should say what to install or which variable to set when a program is missing', () => {
    const { CHROMIUM_PATH, PG_BIN, POSTGRES_BIN } = process.env;
    const saved = { CHROMIUM_PATH, PG_BIN, POSTGRES_BIN };
    delete process.env.CHROMIUM_PATH;
    delete process.env.PG_BIN;
    delete process.env.POSTGRES_BIN;
    try {
      const missing = join(directory, 'nowhere');
      expect(() => findChromium({ debian: missing, install: false }))
        .to.throw(ProvisionError, missing)
        .with.property('message')
        .that.includes('apt-get install chromium')
        .and.includes('CHROMIUM_PATH');
      expect(() => findPostgres({ debian: missing, install: false }))
        .to.throw(ProvisionError, missing)
        .with.property('message')
        .that.includes('apt-get install postgresql-15')
        .and.includes('PG_BIN');
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value !== undefined) process.env[name] = value;
    }
  });
});
