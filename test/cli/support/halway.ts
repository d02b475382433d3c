import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../packages/cli/src/bin.ts', import.meta.url));
// Resolved here, so that a run in another working directory still finds it.
const TSX = import.meta.resolve('tsx');

/** What one run of the CLI printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `halway` as a child process (not a terminal), bounded to 20 s unless told otherwise. */
export function halway(
  args: string[],
  env: Record<string, string> = {},
  options: { timeout?: number; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=halway-source', '--import', TSX, BIN, ...args],
      {
        // No credentials but the test's own: the default config path points at nothing.
        env: {
          ...process.env,
          NO_COLOR: '1',
          HALWAY_CONFIG: '',
          HALWAY_CREDENTIALS: '',
          XDG_CONFIG_HOME: '/nonexistent',
          ...env,
        },
        timeout: options.timeout ?? 20_000,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
