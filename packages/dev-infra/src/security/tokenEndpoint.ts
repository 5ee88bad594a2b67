/*
 * A local OAuth 2.0 authorization server for the OAUTHBEARER tests: the client-credentials
 * grant (RFC 6749 §4.4; client authentication by HTTP Basic or form fields) issuing RS256
 * JWTs whose `sub` is the client id, and the JWKS that Kafka's
 * OAuthBearerValidatorCallbackHandler verifies them with. Loopback HTTP only.
 */
import http from 'http';
import { AddressInfo } from 'net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { LOOPBACK } from '../ports';

export interface TokenEndpointOptions {
  /** client id → client secret; the client id becomes the token's `sub` (the principal). */
  clients: Record<string, string>;
  /** The `aud` claim; default `kafka`. */
  audience?: string;
  /** Token lifetime, default 300 s. */
  lifetimeSeconds?: number;
}

export interface RunningTokenEndpoint {
  /** POST here: `grant_type=client_credentials`. */
  tokenUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Tokens issued so far, per client id (to check a client caches its token). */
  issued: Record<string, number>;
  stop(): Promise<void>;
}

interface TokenRequest {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

function parseRequest(req: http.IncomingMessage, body: string): TokenRequest {
  const form = new URLSearchParams(body);
  const request: TokenRequest = {
    grantType: form.get('grant_type') ?? undefined,
    clientId: form.get('client_id') ?? undefined,
    clientSecret: form.get('client_secret') ?? undefined,
    scope: form.get('scope') ?? undefined,
  };
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // RFC 6749 §2.3.1: both parts are form-urlencoded inside the Basic credentials.
    request.clientId = decodeURIComponent(decoded.slice(0, colon));
    request.clientSecret = decodeURIComponent(decoded.slice(colon + 1));
  }
  return request;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

export async function startTokenEndpoint(
  options: TokenEndpointOptions,
): Promise<RunningTokenEndpoint> {
  const audience = options.audience ?? 'kafka';
  const lifetime = options.lifetimeSeconds ?? 300;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'meshport-test-1';
  const jwks = {
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }],
  };
  const issued: Record<string, number> = {};
  let issuer = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', issuer);
      if (req.method === 'GET' && url.pathname === '/jwks') {
        send(res, 200, jwks);
        return;
      }
      if (req.method !== 'POST' || url.pathname !== '/token') {
        send(res, 404, { error: 'not_found' });
        return;
      }
      const request = parseRequest(req, Buffer.concat(chunks).toString('utf8'));
      if (request.grantType !== 'client_credentials') {
        send(res, 400, { error: 'unsupported_grant_type' });
        return;
      }
      const secret = request.clientId && options.clients[request.clientId];
      if (!secret || secret !== request.clientSecret) {
        send(res, 401, { error: 'invalid_client' });
        return;
      }
      const clientId = request.clientId!;
      new SignJWT({ ...(request.scope ? { scope: request.scope } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setSubject(clientId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${lifetime}s`)
        .sign(privateKey)
        .then(token => {
          issued[clientId] = (issued[clientId] ?? 0) + 1;
          send(res, 200, {
            access_token: token,
            token_type: 'Bearer',
            expires_in: lifetime,
            ...(request.scope ? { scope: request.scope } : {}),
          });
        })
        .catch(() => send(res, 500, { error: 'server_error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  issuer = `http://${LOOPBACK}:${port}`;
  return {
    tokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    issuer,
    audience,
    issued,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
