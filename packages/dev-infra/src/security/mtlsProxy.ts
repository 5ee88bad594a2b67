/*
 * A TLS-terminating proxy that requires a client certificate of the test CA, in front of
 * the HTTPS-only registry. Why: Quarkus fixes `quarkus.http.ssl.client-auth` at build time,
 * so the released Apicurio cannot be told to require client certificates at run time.
 * Byte-level relay: TLS (client certificate required) in, TLS (verified against the CA) out.
 */
import net from 'net';
import tls from 'tls';
import { LOOPBACK } from '../ports';

export interface MtlsProxyOptions {
  /** The server certificate and key the proxy presents, PEM. */
  cert: string;
  key: string;
  /** CA that client certificates must chain to, and that the upstream's certificate does. */
  ca: string;
  upstreamPort: number;
}

export interface RunningMtlsProxy {
  port: number;
  /** Connections refused for want of a valid client certificate. */
  refused(): number;
  stop(): Promise<void>;
}

export async function startMtlsProxy(
  options: MtlsProxyOptions,
): Promise<RunningMtlsProxy> {
  const sockets = new Set<net.Socket>();
  let refused = 0;
  const server = tls.createServer(
    {
      cert: options.cert,
      key: options.key,
      ca: options.ca,
      requestCert: true,
      rejectUnauthorized: true,
    },
    client => {
      const upstream = tls.connect({
        host: LOOPBACK,
        port: options.upstreamPort,
        ca: options.ca,
        servername: 'localhost',
      });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    },
  );
  server.on('tlsClientError', (_error, socket) => {
    refused += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    refused: () => refused,
    stop: () =>
      new Promise<void>(resolve => {
        sockets.forEach(socket => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
