/**
 * Asks for an encrypted key's passphrase on the terminal, without echo, once
 * per key file per run. Only offered when stdin is a TTY; otherwise the
 * passphrase comes from JAILFLEET_SSH_PASSPHRASE or the key is refused.
 */
import { createInterface } from 'node:readline';

export type AskPassphrase = (keyFile: string) => Promise<string | undefined>;

export function ttyPassphrasePrompt(): AskPassphrase | undefined {
  if (!process.stdin.isTTY) return undefined;
  const asked = new Map<string, Promise<string | undefined>>();
  // One prompt at a time: hosts connect in parallel.
  let queue: Promise<unknown> = Promise.resolve();
  return (keyFile) => {
    let answer = asked.get(keyFile);
    if (!answer) {
      answer = queue.then(() => promptHidden(`Enter passphrase for key '${keyFile}': `));
      queue = answer;
      asked.set(keyFile, answer);
    }
    return answer;
  };
}

function promptHidden(question: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let muted = false;
    // readline echoes typed characters through _writeToOutput: swallow them.
    const internal = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = internal._writeToOutput.bind(rl);
    internal._writeToOutput = (s: string) => {
      if (!muted) write(s);
    };
    rl.question(question, (value) => {
      rl.close();
      process.stderr.write('\n');
      resolve(value === '' ? undefined : value);
    });
    muted = true;
    rl.on('SIGINT', () => {
      rl.close();
      resolve(undefined);
    });
  });
}
