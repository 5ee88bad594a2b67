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

/** How `meshport` tells a pipeline what happened. */
export enum ExitCode {
  /** Every spec is valid (warnings allowed); plan/apply: nothing failed or is blocked. */
  Ok = 0,
  /** validate/desired: at least one spec has an error. */
  InvalidSpec = 1,
  /**
   * plan/apply: an item is BLOCKED or FAILED, or the cluster or its registry
   * could not be read.
   */
  NotProvisioned = 1,
  /** grant/revoke --check: the spec would change (the diff is printed). */
  ChangeNeeded = 1,
  /** lag --max-lag: a group is further behind than allowed. */
  LagExceeded = 1,
  /**
   * An input could not be read at all, or the command line is wrong; plan/apply:
   * also an invalid spec or cluster file.
   */
  UnreadableInput = 2,
}
