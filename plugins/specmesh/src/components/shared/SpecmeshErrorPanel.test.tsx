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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { responseError } from '../../__testUtils__/fakeSpecmeshApi';
import { SpecmeshErrorPanel } from './SpecmeshErrorPanel';

describe('SpecmeshErrorPanel', () => {
  it.each([
    ['Not allowed to read drift', 'Not allowed to read drift. Ask'],
    ['Only owners see costs.', 'Only owners see costs. Ask'],
  ])(
    'writes the backend’s message %j as a sentence before what to do',
    async (message, expected) => {
      await renderInTestApp(
        <SpecmeshErrorPanel
          error={await responseError(403, message)}
          what="see the drift"
        />,
      );
      expect(
        await screen.findByText(text => text.startsWith(expected)),
      ).toBeInTheDocument();
    },
  );
});
