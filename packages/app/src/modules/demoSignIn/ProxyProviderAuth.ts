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
  BackstageIdentityApi,
  BackstageIdentityResponse,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
  SessionState,
} from '@backstage/frontend-plugin-api';

type SessionStates = ReturnType<SessionApi['sessionState$']>;

/** The body of a proxy provider's `refresh` answer, as far as the sign-in uses it. */
interface RefreshResponse {
  profile?: ProfileInfo;
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageIdentityResponse['identity'];
  };
}

// Fetch a new token this long before the old one expires.
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_MS = 5 * 60_000;

/**
 * Demo only: the client side of a credential-less proxy sign-in provider
 * (the backend's `demo-owner`), in the shape the sign-in page's provider
 * cards take. Every token comes from the provider's `refresh` endpoint,
 * as the guest provider's do.
 */
export class ProxyProviderAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private session?: { response: RefreshResponse; expiresAt: number };
  private pending?: Promise<RefreshResponse>;
  private signedIn = false;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly options: {
      providerId: string;
      discoveryApi: DiscoveryApi;
    },
  ) {}

  async getBackstageIdentity(): Promise<BackstageIdentityResponse> {
    const { backstageIdentity } = await this.current();
    return {
      token: backstageIdentity.token,
      identity: backstageIdentity.identity,
      expiresAt: new Date(this.session?.expiresAt ?? Date.now()),
    };
  }

  async getProfile(): Promise<ProfileInfo> {
    return (await this.current()).profile ?? {};
  }

  async signIn(): Promise<void> {
    await this.current();
  }

  async signOut(): Promise<void> {
    this.session = undefined;
    this.setSignedIn(false);
  }

  sessionState$(): SessionStates {
    const subscribe = (
      observer?: { next?(s: SessionState): void } | ((s: SessionState) => void),
    ) => {
      const next =
        typeof observer === 'function'
          ? observer
          : observer?.next?.bind(observer);
      const listener = (state: SessionState) => next?.(state);
      this.listeners.add(listener);
      listener(this.signedIn ? SessionState.SignedIn : SessionState.SignedOut);
      const subscription = {
        closed: false,
        unsubscribe: () => {
          subscription.closed = true;
          this.listeners.delete(listener);
        },
      };
      return subscription;
    };
    const observable = {
      subscribe,
      [Symbol.observable]() {
        return observable;
      },
    };
    return observable as unknown as SessionStates;
  }

  private async current(): Promise<RefreshResponse> {
    if (this.session && Date.now() < this.session.expiresAt) {
      return this.session.response;
    }
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<RefreshResponse> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('auth');
    const response = await fetch(
      `${baseUrl}/${this.options.providerId}/refresh`,
      {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        credentials: 'include',
      },
    );
    if (!response.ok) {
      // The backend's message says why (e.g. development mode only).
      const detail = await response.text().catch(() => '');
      throw new Error(
        `Sign-in through ${this.options.providerId} failed (${
          response.status
        }): ${detail.slice(0, 500)}`,
      );
    }
    const body = (await response.json()) as RefreshResponse;
    const lifetimeMs =
      (body.backstageIdentity.expiresInSeconds ?? 0) * 1000 ||
      DEFAULT_LIFETIME_MS;
    this.session = {
      response: body,
      expiresAt: Date.now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, 10_000),
    };
    this.setSignedIn(true);
    return body;
  }

  private setSignedIn(signedIn: boolean) {
    if (this.signedIn !== signedIn) {
      this.signedIn = signedIn;
      const state = signedIn ? SessionState.SignedIn : SessionState.SignedOut;
      this.listeners.forEach(listener => listener(state));
    }
  }
}
