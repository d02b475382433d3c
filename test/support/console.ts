// Examples print what they do; tests read it without cluttering the run.

/** Runs `action` with console.log captured: its result and the lines it logged. */
export async function capturingLog<T>(
  action: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  try {
    return { result: await action(), lines };
  } finally {
    console.log = original;
  }
}
