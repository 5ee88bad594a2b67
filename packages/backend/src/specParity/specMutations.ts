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
import { DOCUMENT_MUTATIONS } from './documentMutations';
import { MESSAGE_MUTATIONS } from './messageMutations';
import type { Mutation } from './mutationTools';

export type { Mutation } from './mutationTools';

/**
 * Every mutation of the parity corpus, by name: small, realistic mistakes
 * (and a few valid variations) the AsyncAPI parser may or may not object
 * to, each applied to a copy of a parsed document.
 */
export const MUTATIONS: Record<string, Mutation> = {
  ...DOCUMENT_MUTATIONS,
  ...MESSAGE_MUTATIONS,
};
