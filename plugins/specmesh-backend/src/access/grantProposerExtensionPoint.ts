/*
 * Copyright 2026 The Meshport Authors
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
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { GrantProposer } from './GrantProposer';

/**
 * Lets a backend module choose how approvals become changes to specs (a pull
 * request through another SCM, a ticket, a test's fake) instead of the
 * plugin's default proposer.
 *
 * @public
 */
export interface SpecmeshGrantProposerExtensionPoint {
  /** Replaces the default proposer; once per backend. */
  setGrantProposer(proposer: GrantProposer): void;
}

/**
 * The extension point of {@link SpecmeshGrantProposerExtensionPoint}.
 *
 * @public
 */
export const specmeshGrantProposerExtensionPoint =
  createExtensionPoint<SpecmeshGrantProposerExtensionPoint>({
    id: 'specmesh.grant-proposer',
  });

/** Holds the proposer a module set, if any. */
export class GrantProposerSlot implements SpecmeshGrantProposerExtensionPoint {
  private proposer?: GrantProposer;

  setGrantProposer(proposer: GrantProposer): void {
    if (this.proposer) {
      throw new Error(
        'A grant proposer is already set: install one module that sets it',
      );
    }
    this.proposer = proposer;
  }

  /** The module's proposer, else the default. */
  get(fallback: GrantProposer): GrantProposer {
    return this.proposer ?? fallback;
  }
}
