/*
 * Copyright 2025 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  oauthBearerProviderOf,
  OAuthTokenProvider,
} from './oauthTokenProvider';

const SECRET = 's3cret:with&odd=chars';

interface Seen {
  authorization?: string;
  contentType?: string;
  body: URLSearchParams;
}

/** A real token endpoint on loopback; each test says how it answers. */
class TokenEndpoint {
  readonly seen: Seen[] = [];
  answer: (request: Seen, count: number) => { status: number; body: unknown } =
    (_request, count) => ({
      status: 200,
      body: {
        access_token: `token-${count}`,
        token_type: 'Bearer',
        expires_in: 100,
      },
    });
  /** Holds answers until released, to have several callers wait on one request. */
  hold?: Promise<void>;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/oauth2/token`;
  }

  stop(): Promise<void> {
    return new Promise(
      resolve => this.server?.close(() => resolve()) ?? resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let text = '';
    for await (const chunk of req) text += chunk;
    const seen: Seen = {
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: new URLSearchParams(text),
    };
    this.seen.push(seen);
    await this.hold;
    const { status, body } = this.answer(seen, this.seen.length);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the token request to fail');
}

describe('OAuthTokenProvider', () => {
  let endpoint: TokenEndpoint;
  let url: string;
  let now: number;
  const clock = () => now;

  beforeEach(async () => {
    endpoint = new TokenEndpoint();
    url = await endpoint.start();
    now = 1_000_000;
  });
  afterEach(() => endpoint.stop());

  const provider = (
    extra: Partial<ConstructorParameters<typeof OAuthTokenProvider>[0]> = {},
  ) =>
    new OAuthTokenProvider(
      {
        tokenEndpoint: url,
        clientId: 'meshport app',
        clientSecret: SECRET,
        ...extra,
      },
      { now: clock },
    );

  it('asks with the client-credentials grant and HTTP basic authentication (RFC 6749 §2.3.1)', async () => {
    expect(await provider({ scope: 'kafka read' }).token()).toBe('token-1');
    const [seen] = endpoint.seen;
    expect(seen.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(seen.body)).toEqual({
      grant_type: 'client_credentials',
      scope: 'kafka read',
    });
    const basic = Buffer.from(
      seen.authorization!.replace(/^Basic /, ''),
      'base64',
    ).toString();
    // Each part form-encoded before the basic scheme.
    expect(basic).toBe('meshport+app:s3cret%3Awith%26odd%3Dchars');
  });

  it('sends the credentials in the body with client_secret_post', async () => {
    await provider({ clientAuthMethod: 'client_secret_post' }).token();
    const [seen] = endpoint.seen;
    expect(seen.authorization).toBeUndefined();
    expect(Object.fromEntries(seen.body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'meshport app',
      client_secret: SECRET,
    });
  });

  it('reuses the token until 80% of its lifetime, then refreshes it', async () => {
    const tokens = provider();
    expect(await tokens.token()).toBe('token-1');
    now += 79_000;
    expect(await tokens.token()).toBe('token-1');
    expect(endpoint.seen).toHaveLength(1);
    now += 1_000;
    expect(await tokens.token()).toBe('token-2');
    expect(await tokens.token()).toBe('token-2');
    expect(endpoint.seen).toHaveLength(2);
  });

  it('has one request in flight however many callers ask at once', async () => {
    let release!: () => void;
    endpoint.hold = new Promise(resolve => {
      release = resolve;
    });
    const tokens = provider();
    const asked = Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    while (endpoint.seen.length === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
    release();
    expect(await asked).toEqual(['token-1', 'token-1', 'token-1']);
    expect(endpoint.seen).toHaveLength(1);
  });

  it('keeps using a still-valid token when a refresh fails, and tries again next time', async () => {
    const tokens = provider();
    await tokens.token();
    endpoint.answer = () => ({
      status: 503,
      body: { error: 'temporarily_unavailable' },
    });
    now += 90_000;
    expect(await tokens.token()).toBe('token-1');
    now += 10_000; // expired now
    await expect(tokens.token()).rejects.toThrow(
      `The token endpoint ${url} refused the client-credentials grant for client 'meshport app': HTTP 503 temporarily_unavailable`,
    );
    expect(endpoint.seen).toHaveLength(3);
  });

  it('explains a refusal without the secret, even when the server echoes it', async () => {
    endpoint.answer = () => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: `bad secret ${SECRET}`,
      },
    });
    const error = await failureOf(provider().token());
    expect(error.message).toBe(
      `The token endpoint ${url} refused the client-credentials grant for client 'meshport app': HTTP 401 invalid_client (bad secret ***). Check clientId and clientSecret; a server that wants them in the body needs clientAuthMethod: client_secret_post`,
    );
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses answers that carry no bearer token, without quoting them', async () => {
    endpoint.answer = () => ({ status: 200, body: '<html>login</html>' });
    await expect(provider().token()).rejects.toThrow(
      `The token endpoint ${url} answered HTTP 200 without an access_token: is it the OAuth 2.0 token endpoint?`,
    );
    endpoint.answer = () => ({
      status: 200,
      body: { access_token: 'mac-token-value', token_type: 'mac' },
    });
    const error = await failureOf(provider().token());
    expect(error.message).toBe(
      `The token endpoint ${url} issued a token of type 'mac': SASL OAUTHBEARER needs a bearer token`,
    );
    expect(error.message).not.toContain('mac-token-value');
  });

  it('assumes a short lifetime when the answer has no expires_in', async () => {
    endpoint.answer = (_request, count) => ({
      status: 200,
      body: { access_token: `token-${count}`, token_type: 'bearer' },
    });
    const tokens = provider();
    await tokens.token();
    now += 47_000;
    expect(await tokens.token()).toBe('token-1');
    now += 1_000;
    expect(await tokens.token()).toBe('token-2');
  });

  it('says the endpoint cannot be reached', async () => {
    await endpoint.stop();
    const error = await failureOf(provider().token());
    expect(error.message).toBe(
      `Cannot get an OAuth token from ${url}: ECONNREFUSED`,
    );
  });

  it('refuses an http token endpoint that is not on loopback', () => {
    expect(() =>
      provider({ tokenEndpoint: 'http://idp.example.com/token' }),
    ).toThrow(
      'The token endpoint http://idp.example.com/token must be https (http only on a loopback host): it receives the client secret',
    );
  });

  it('gives kafkajs the token with the SASL extensions', async () => {
    const tokens = provider();
    expect(await oauthBearerProviderOf(tokens)()).toEqual({ value: 'token-1' });
    expect(
      await oauthBearerProviderOf(tokens, { logicalCluster: 'lkc-1' })(),
    ).toEqual({ value: 'token-1', extensions: { logicalCluster: 'lkc-1' } });
    expect(endpoint.seen).toHaveLength(1);
  });
});
