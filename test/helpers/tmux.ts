import { execFileSync } from 'node:child_process';

/** A program running in a real terminal (tmux, 80 × 24), driven by keys and read off the screen. */
export class Terminal {
  constructor(readonly name: string) {}

  static start(name: string, command: string, env: Record<string, string> = {}): Terminal {
    try {
      execFileSync('tmux', ['kill-session', '-t', name], { stdio: 'ignore' });
    } catch {
      // No such session: fine.
    }
    const vars = Object.entries({ NO_COLOR: '1', ...env })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      '80',
      '-y',
      '24',
      `${vars} ${command}; echo "[exit $?]"; sleep 600`,
    ]);
    return new Terminal(name);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-l', '-t', this.name, text]);
  }

  async waitFor(pattern: RegExp, timeout = 15_000): Promise<string> {
    const until = Date.now() + timeout;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`timed out waiting for ${pattern} on the screen:\n${last}`);
  }

  stop(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
}
