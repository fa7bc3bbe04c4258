/**
 * A scripted SMTP server on 127.0.0.1 for the failures a real one shows: it may never greet, or
 * answer the end of each letter's DATA with 250, 550, nothing at all, or a dropped connection.
 * Just enough of RFC 5321 for nodemailer (no STARTTLS, no AUTH).
 */
import net from 'node:net';

/** What the server does once a letter's DATA has ended. */
export type LetterReply = 'accept' | 'reject' | 'hang' | 'drop';

/** A letter as the server got it. */
export interface FakeLetter {
  from: string;
  to: string[];
  data: string;
  reply: LetterReply;
}

/** A running fake server. */
export interface FakeSmtp {
  port: number;
  /** Connections accepted so far. */
  connections: () => number;
  /** Letters whose DATA ended, in order, whatever the reply. */
  letters: FakeLetter[];
  close: () => Promise<void>;
}

/**
 * Starts a server. `greet: false`: it accepts connections and never says a word. `reply(i, letter)`
 * decides the answer to the i-th letter (0-based); `onLetter` is called as each letter ends,
 * before the reply is sent.
 */
export async function startFakeSmtp(o: {
  greet?: boolean;
  reply?: (index: number, letter: Omit<FakeLetter, 'reply'>) => LetterReply;
  onLetter?: (letter: FakeLetter) => void;
}): Promise<FakeSmtp> {
  const letters: FakeLetter[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (o.greet === false) return;
    const say = (s: string): void => {
      if (!socket.destroyed) socket.write(`${s}\r\n`);
    };
    say('220 fake.example ESMTP');
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line !== '.') {
            data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          inData = false;
          const base = { from, to, data: data.join('\r\n') };
          const reply = o.reply?.(letters.length, base) ?? 'accept';
          const letter = { ...base, reply };
          letters.push(letter);
          o.onLetter?.(letter);
          if (reply === 'accept') say('250 2.0.0 queued');
          else if (reply === 'reject') say('550 5.7.1 refused by policy');
          else if (reply === 'drop') socket.destroy();
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 fake.example');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          say('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          say('354 go ahead');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
        else say('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections: () => connections,
    letters,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
