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
import type { OauthbearerProviderResponse } from 'kafkajs';
import { isLoopbackHost } from '../url/loopback';

/**
 * A client of an OAuth 2.0 identity provider, for the client-credentials grant
 * (RFC 6749 §4.4).
 *
 * @public
 */
export interface OAuthClientCredentials {
  /** The token endpoint: https, or http on a loopback host. */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The scope to ask for, space-separated. */
  scope?: string;
  /**
   * `client_secret_basic` (default): HTTP basic authentication, which every
   * authorization server supports (RFC 6749 §2.3.1); `client_secret_post`: the
   * credentials in the form body.
   */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

/**
 * Tuning and test seams of an {@link OAuthTokenProvider}.
 *
 * @public
 */
export interface OAuthTokenProviderOptions {
  /** Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** The share of a token's lifetime after which it is refreshed; default 0.8. */
  refreshAfter?: number;
  /** How long to wait for the token endpoint, in milliseconds; default 10 000. */
  timeoutMs?: number;
  /** The lifetime assumed when the answer has no `expires_in`, in seconds; default 60. */
  defaultExpiresInSeconds?: number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
  expiresAt: number;
}

const MAX_DESCRIPTION = 200;

/**
 * Access tokens of the client-credentials grant, cached and refreshed before
 * they expire (at 80% of `expires_in` by default), with one request in flight
 * however many connections ask at once. When a refresh fails while the cached
 * token is still valid, that token is used and the next call tries again.
 * Errors name the endpoint and the answer, never the secret or a token.
 *
 * @public
 */
export class OAuthTokenProvider {
  private readonly fetch: typeof globalThis.fetch;
  private readonly now: () => number;
  private readonly refreshAfter: number;
  private readonly timeoutMs: number;
  private readonly defaultExpiresIn: number;
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;

  constructor(
    private readonly credentials: OAuthClientCredentials,
    options: OAuthTokenProviderOptions = {},
  ) {
    const { protocol, hostname } = new URL(credentials.tokenEndpoint);
    if (
      protocol !== 'https:' &&
      !(protocol === 'http:' && isLoopbackHost(hostname))
    ) {
      throw new Error(
        `The token endpoint ${credentials.tokenEndpoint} must be https (http only on a loopback host): it receives the client secret`,
      );
    }
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.refreshAfter = options.refreshAfter ?? 0.8;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.defaultExpiresIn = options.defaultExpiresInSeconds ?? 60;
  }

  /** A valid access token, from the cache or the token endpoint. */
  async token(): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    try {
      return (await this.refresh()).value;
    } catch (error) {
      if (cached && this.now() < cached.expiresAt) return cached.value;
      throw error;
    }
  }

  private refresh(): Promise<CachedToken> {
    if (!this.inFlight) {
      this.inFlight = this.request()
        .then(token => {
          this.cached = token;
          return token;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  private async request(): Promise<CachedToken> {
    const { tokenEndpoint, clientId, clientSecret, scope } = this.credentials;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) body.set('scope', scope);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (this.credentials.clientAuthMethod === 'client_secret_post') {
      body.set('client_id', clientId);
      body.set('client_secret', clientSecret);
    } else {
      // RFC 6749 §2.3.1: each part form-encoded before the basic scheme.
      const basic = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }

    const startedAt = this.now();
    let response: Response;
    try {
      response = await this.fetch(tokenEndpoint, {
        method: 'POST',
        headers,
        body: body.toString(),
        // A redirect would carry the credentials elsewhere.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(
        `Cannot get an OAuth token from ${tokenEndpoint}: ${this.scrub(
          reasonOf(error),
        )}`,
      );
    }

    const text = await response.text().catch(() => '');
    let answer: Record<string, unknown> | undefined;
    try {
      const parsed = JSON.parse(text);
      answer =
        typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      answer = undefined;
    }
    if (!response.ok) {
      const error =
        typeof answer?.error === 'string' ? answer.error : undefined;
      const description =
        typeof answer?.error_description === 'string'
          ? answer.error_description.slice(0, MAX_DESCRIPTION)
          : undefined;
      throw new Error(
        `The token endpoint ${tokenEndpoint} refused the client-credentials grant for client '${clientId}': HTTP ${
          response.status
        }${error ? ` ${this.scrub(error)}` : ''}${
          description ? ` (${this.scrub(description)})` : ''
        }${
          response.status === 401 && !this.credentials.clientAuthMethod
            ? '. Check clientId and clientSecret; a server that wants them in the body needs clientAuthMethod: client_secret_post'
            : ''
        }`,
      );
    }

    const value = answer?.access_token;
    if (typeof value !== 'string' || value === '') {
      throw new Error(
        `The token endpoint ${tokenEndpoint} answered HTTP ${response.status} without an access_token: is it the OAuth 2.0 token endpoint?`,
      );
    }
    const tokenType = answer?.token_type;
    if (
      tokenType !== undefined &&
      (typeof tokenType !== 'string' ||
        tokenType.toLocaleLowerCase('en-US') !== 'bearer')
    ) {
      throw new Error(
        `The token endpoint ${tokenEndpoint} issued a token of type '${String(
          tokenType,
        ).slice(0, 40)}': SASL OAUTHBEARER needs a bearer token`,
      );
    }
    const expiresIn = Number(answer?.expires_in);
    const lifetimeMs =
      (Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn
        : this.defaultExpiresIn) * 1000;
    return {
      value,
      // From the request's start: the token's clock began before the answer.
      refreshAt: startedAt + lifetimeMs * this.refreshAfter,
      expiresAt: startedAt + lifetimeMs,
    };
  }

  /** Whatever the server or the network said, without the secret in it. */
  private scrub(text: string): string {
    const secret = this.credentials.clientSecret;
    return secret ? text.split(secret).join('***') : text;
  }
}

/**
 * A kafkajs `oauthBearerProvider` (SASL OAUTHBEARER): the provider's token with
 * the configured SASL extensions.
 *
 * @public
 */
export function oauthBearerProviderOf(
  provider: Pick<OAuthTokenProvider, 'token'>,
  extensions?: Record<string, string>,
): () => Promise<OauthbearerProviderResponse> {
  return async () => {
    const value = await provider.token();
    // kafkajs sends `extensions` with the token; its type declares only value.
    return extensions && Object.keys(extensions).length > 0
      ? ({ value, extensions } as OauthbearerProviderResponse)
      : { value };
  };
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

function reasonOf(error: unknown): string {
  const { name, message, cause } = error as Error & { cause?: unknown };
  if (name === 'TimeoutError') return 'no answer in time';
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const causeMessage = (cause as Error | undefined)?.message;
  return code ?? causeMessage ?? message ?? String(error);
}
