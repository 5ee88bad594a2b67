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
import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/** The backend's message as a sentence: messages may or may not end in a stop. */
function serverMessage(error: Error): string | undefined {
  const message =
    error instanceof ResponseError ? error.cause?.message : undefined;
  if (!message) return undefined;
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/**
 * A failed call to the SpecMesh backend, explained: what it means for the
 * user and what they can do about it.
 */
export const SpecmeshErrorPanel = (props: {
  error: Error;
  /** What the user tried, as a verb phrase: "see the live status", "apply the plan". */
  what: string;
  /** What to do about a 400, when the default (fix the spec or its cluster) does not fit. */
  badRequestFix?: string;
}) => {
  const { error, what, badRequestFix } = props;
  const status = error instanceof ResponseError ? error.statusCode : undefined;
  const detail = serverMessage(error);

  if (status === 403) {
    return (
      <WarningPanel
        severity="info"
        title={`You may not ${what}`}
        message={`${
          detail ?? 'The permission policy denies it.'
        } Ask the data product's owners or a portal administrator for access.`}
      />
    );
  }
  if (status === 401) {
    return (
      <WarningPanel
        title="Sign in again"
        message={`Your session has no valid credentials, so the portal cannot ${what}. Reload the page and sign in.`}
      />
    );
  }
  if (status === 503) {
    return (
      <WarningPanel
        title="The Kafka cluster or schema registry cannot be reached"
        message={`${
          detail ?? `${error.message}.`
        } Try again in a minute; if it persists, tell the platform team.`}
      />
    );
  }
  if (status === 409) {
    return (
      <WarningPanel
        title="Another apply of this data product is running"
        message="Wait for it to finish (it appears in the history below), then plan again."
      />
    );
  }
  if (status === 400) {
    return (
      <WarningPanel
        title={`The backend cannot ${what}`}
        message={`${detail ?? `${error.message}.`} ${
          badRequestFix ??
          "Fix the spec (see the Topics tab for its problems) or the entity's cluster annotation."
        }`}
      />
    );
  }
  return <ResponseErrorPanel title={`Could not ${what}`} error={error} />;
};
