import { Worker } from 'node:worker_threads';

/**
 * A throwaway HTTP server on 127.0.0.1 (port 0), running in its own worker thread: the emulated
 * UrlFetchApp blocks the calling thread, so a server on the test's own thread could never answer.
 *
 * Paths: `/echo` (JSON of method, url, headers, body), `/slow?ms=N` (answers after N ms),
 * `/status/N` (status N, body `error body N` + `?pad=K` extra chars), `/redirect?to=P` (302 to P),
 * `/reset` (destroys the socket), `/hang` (never answers), `/multi` (a header sent twice).
 */
const SERVER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const u = new URL(req.url, 'http://x');
    const body = Buffer.concat(chunks).toString('utf8');
    if (u.pathname.endsWith('/echo')) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    } else if (u.pathname === '/slow') {
      setTimeout(() => res.end('slow ' + u.searchParams.get('id')), Number(u.searchParams.get('ms')));
    } else if (u.pathname.startsWith('/status/')) {
      res.statusCode = Number(u.pathname.slice(8));
      res.end('error body ' + res.statusCode + 'x'.repeat(Number(u.searchParams.get('pad') || 0)));
    } else if (u.pathname === '/redirect') {
      res.statusCode = 302;
      res.setHeader('Location', u.searchParams.get('to'));
      res.end();
    } else if (u.pathname === '/reset') {
      req.socket.destroy();
    } else if (u.pathname === '/hang') {
      // never answers
    } else if (u.pathname === '/multi') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Single', 'one');
      res.end('multi');
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => {
  if (m === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.postMessage('closed'));
  }
});
`;

export interface ServerThread {
  port: number;
  target: string;
  close(): Promise<void>;
}

export async function startServerThread(): Promise<ServerThread> {
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    port,
    target: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
