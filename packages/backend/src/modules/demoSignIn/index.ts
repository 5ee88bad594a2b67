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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The provider id; its config lives under `auth.providers.demo-owner`. */
export const DEMO_OWNER_PROVIDER_ID = 'demo-owner';

const DEVELOPMENT_ONLY = `The ${DEMO_OWNER_PROVIDER_ID} sign-in is a demo convenience and works in development mode only.`;

// Like the guest provider: no credentials at all, so it refuses to run outside development.
const demoOwnerAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => ({ disabled: process.env.NODE_ENV !== 'development' }),
  async authenticate(_, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(DEVELOPMENT_ONLY);
    }
    return { result: {} };
  },
});

/**
 * Demo only: a second guest-like sign-in, as the catalog user that
 * `auth.providers.demo-owner.userEntityRef` names (in the demo, a member of
 * another data product's owner group), so that one browser can ask for
 * access as the guest and another can decide as the owner. Without that
 * config the auth backend leaves the provider out.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'meshport-demo-owner-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const key = `auth.providers.${DEMO_OWNER_PROVIDER_ID}.userEntityRef`;
        providers.registerProvider({
          providerId: DEMO_OWNER_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: demoOwnerAuthenticator,
            async signInResolver(_, ctx) {
              if (process.env.NODE_ENV !== 'development') {
                throw new NotAllowedError(DEVELOPMENT_ONLY);
              }
              // Read per sign-in: a missing key is the sign-in's error, not the backend's.
              const entityRef = config.getString(key);
              // A catalog user only: its groups give the ownership the demo needs.
              return ctx.signInWithCatalogUser({ entityRef });
            },
          }),
        });
      },
    });
  },
});
