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

// Jest runs each test file in a vm context of its own, but the global fetch
// is Node's (undici) from the outer realm: `response.json()` builds its
// arrays on the outer realm's Array.prototype. Since plugin-scaffolder-backend
// 4.3 the template engine (nunjitsu) rejects any array whose prototype is not
// its realm's Array.prototype ("Template arrays cannot use a custom
// prototype"), so a step output that came over HTTP (the plan and apply
// actions' `items`, from the SpecMesh backend) broke every later step of a
// dry run. A backend process has a single realm, where this cannot happen;
// here the body is parsed again with this context's JSON.
const outerFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await outerFetch(input, init);
  Object.defineProperty(response, 'json', {
    value: async () => JSON.parse(await response.text()),
  });
  return response;
};
