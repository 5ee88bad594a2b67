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
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

const GRANT_CHECK_KEY = 'specmesh.accessRequests.grantCheck';

/**
 * The default grant check: often enough that an approval shows `granted` soon
 * after the apply, cheap enough (one ACL read per cluster) to run all day.
 */
export const DEFAULT_GRANT_CHECK_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { seconds: 30 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 15 },
    scope: 'global',
  };

/** The grant check's schedule; undefined when `enabled: false`. */
export function readGrantCheckSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition | undefined {
  const section = config.getOptionalConfig(GRANT_CHECK_KEY);
  if (!section) return DEFAULT_GRANT_CHECK_SCHEDULE;
  const enabled = section.getOptionalBoolean('enabled') ?? true;
  if (!enabled) return undefined;
  if (!section.has('schedule')) return DEFAULT_GRANT_CHECK_SCHEDULE;
  try {
    const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      section.getConfig('schedule'),
    );
    // One check per cycle across replicas, unless the config says otherwise.
    return { ...schedule, scope: schedule.scope ?? 'global' };
  } catch (error) {
    throw new InputError(
      `Invalid ${GRANT_CHECK_KEY}.schedule: ${
        (error as Error).message
      }; use for example { frequency: { seconds: 30 }, timeout: { minutes: 2 } }`,
    );
  }
}
