import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Each test process talks to its own tmux server (`tmux -L <socket>`), and every session name is
 * made unique, so that test files running side by side — or two `npm test` runs on one machine —
 * never see, kill or type into each other's terminals.
 */
const SOCKET = `llo-test-${process.pid}-${randomBytes(4).toString('hex')}`;
let sessions = 0;

function tmux(args: string[], options: { encoding?: 'utf8'; stdio?: 'ignore' } = {}): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], options) as unknown as string;
}

/** A program running in a real terminal (tmux, 80 × 24), driven by keys and read off the screen. */
export class Terminal {
  private constructor(readonly name: string) {}

  static start(label: string, command: string, env: Record<string, string> = {}): Terminal {
    const name = `${label}-${++sessions}`;
    const vars = Object.entries({ NO_COLOR: '1', ...env })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    tmux(['new-session', '-d', '-s', name, '-x', '80', '-y', '24', `${vars} ${command}; echo "[exit $?]"; sleep 600`]);
    return new Terminal(name);
  }

  /** The screen's text; `joined` undoes the terminal's wrapping of long lines. */
  screen(joined = false): string {
    return tmux(['capture-pane', '-p', ...(joined ? ['-J'] : []), '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    tmux(['send-keys', '-t', this.name, ...keys]);
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    tmux(['send-keys', '-l', '-t', this.name, text]);
  }

  /** Waits until the screen matches; the bound is generous because a busy machine is slow, not wrong. */
  async waitFor(pattern: RegExp, timeout = 45_000): Promise<string> {
    const until = Date.now() + timeout;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`timed out waiting for ${pattern} on the screen:\n${last}`);
  }

  /** The pane's title: a program can set it with OSC 0 or 2, which data must never do. */
  title(): string {
    return tmux(['display-message', '-p', '-t', this.name, '#{pane_title}'], { encoding: 'utf8' }).trim();
  }

  /** The paste buffers of this process's tmux server (OSC 52 fills one when set-clipboard is on). */
  static buffers(): string {
    try {
      return tmux(['list-buffers'], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }

  /** Sets a global option of this process's tmux server (it must be running: start a terminal first). */
  static option(name: string, value: string): void {
    tmux(['set-option', '-g', name, value]);
  }

  stop(): void {
    try {
      tmux(['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }

  /** Ends this process's tmux server (call once, after the file's last terminal). */
  static stopServer(): void {
    try {
      tmux(['kill-server'], { stdio: 'ignore' });
    } catch {
      // No server running.
    }
  }
}
