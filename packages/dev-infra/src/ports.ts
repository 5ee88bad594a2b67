/*
 * Free loopback ports, so parallel runs never collide.
 */
import net from 'net';

export const LOOPBACK = '127.0.0.1';

/**
 * Returns `count` distinct free TCP ports on 127.0.0.1. All are held open until every one
 * is allocated, then released; the caller binds them right after.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: LOOPBACK, exclusive: true }, () =>
          resolve(),
        );
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(
      servers.map(
        server => new Promise<void>(resolve => server.close(() => resolve())),
      ),
    );
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(
  port: number,
  host = LOOPBACK,
  timeoutMs = 1000,
): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
