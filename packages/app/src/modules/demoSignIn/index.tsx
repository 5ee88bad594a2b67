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
  ApiBlueprint,
  createApiRef,
  createFrontendModule,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import type {
  BackstageIdentityApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { ProxyProviderAuth } from './ProxyProviderAuth';

const demoOwnerAuthApiRef = createApiRef<
  ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'meshport.auth.demo-owner' });

const demoOwnerAuthApi = ApiBlueprint.make({
  name: 'demo-owner-auth',
  params: defineParams =>
    defineParams({
      api: demoOwnerAuthApiRef,
      deps: { discoveryApi: discoveryApiRef },
      factory: ({ discoveryApi }) =>
        new ProxyProviderAuth({ providerId: 'demo-owner', discoveryApi }),
    }),
});

/**
 * Demo only: the sign-in page offers the guest (the onboarding developer) and
 * a data product owner of another team (the backend's `demo-owner` provider),
 * so that one person can ask for access and another can decide it.
 */
const demoSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => (
        <SignInPage
          {...props}
          providers={[
            'guest',
            {
              id: 'demo-owner',
              title: 'Data product owner',
              message:
                'Sign in as the shipping team’s developer (demo only), who decides access requests for shipping’s topics.',
              apiRef: demoOwnerAuthApiRef,
            },
          ]}
        />
      );
    },
  },
});

export const demoSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoOwnerAuthApi, demoSignInPage],
});
