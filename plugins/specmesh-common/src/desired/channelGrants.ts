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
import type { ProblemCollector } from '../problems';
import type { ChannelUse } from '../document/specView';
import { readGrantTags, TagAt } from '../rules/grants';

/**
 * The grant tags of a channel (§3): on the channel itself, on the operations the
 * owner writes with, and on the messages those operations carry. SpecMesh reads
 * only the operation's tags; authors tripped on that.
 */
export function collectGrantTags(channel: ChannelUse): TagAt[] {
  const tags: TagAt[] = [];
  addTags(channel.channel.tags, `${channel.location}/tags`, tags);
  for (const operation of channel.operations) {
    if (!operation.ownerWrites) continue;
    addTags(operation.tags, `${operation.location}/tags`, tags);
    for (const message of operation.messages) {
      addTags(message.message.tags, `${message.location}/tags`, tags);
    }
  }
  return tags;
}

/** The grant tags on operations that read, which cannot grant anything. */
export function collectReadOnlyGrantTags(channel: ChannelUse): TagAt[] {
  const tags: TagAt[] = [];
  for (const operation of channel.operations) {
    addTags(operation.tags, `${operation.location}/tags`, tags);
  }
  return tags;
}

function addTags(value: unknown, location: string, into: TagAt[]): void {
  if (!Array.isArray(value)) return;
  value.forEach((tag, index) =>
    into.push({ tag, location: `${location}/${index}` }),
  );
}

/** Reads a channel's grantees, reporting malformed grant tags. */
export function readChannelGrantees(
  tags: TagAt[],
  problems: ProblemCollector,
): string[] {
  const { grantees, defects } = readGrantTags(tags);
  for (const defect of defects)
    problems.error(defect.location, defect.message, defect.fix);
  return grantees;
}
