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
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Tabs, the card and recharts load lazily: on a loaded machine the first
// import of a chunk alone can take seconds. Tests wait for a state, never for
// a time, so every findBy*/waitFor may wait up to 30 s (it returns as soon as
// the state is there), and a test may take up to a minute.
configure({ asyncUtilTimeout: 30_000 });
jest.setTimeout(60_000);

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one (and
// renders nothing measurable in jsdom anyway).
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;
