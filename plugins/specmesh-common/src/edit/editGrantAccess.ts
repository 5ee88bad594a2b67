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
import type { Document } from 'yaml';
import { parseSpecText } from '../parseSpecText';
import { collectGrantTags } from '../desired/channelGrants';
import {
  GRANT_TAG_PREFIX,
  PUBLIC_GRANTEE,
  readGrantTags,
} from '../rules/grants';
import { findAppIdDefect } from '../rules/identity';
import {
  findGrantChannel,
  GrantChannel,
  ChannelSelector,
} from './findGrantChannel';
import { GrantEditError } from './GrantEditError';
import { parseForEdit, tagsAt, writingStyleOf } from './tagsAt';
import {
  addTagsKey,
  appendTag,
  applySplice,
  removeTag,
  Splice,
} from './textSplices';

/**
 * What to change: grant or revoke read access to one owned channel, named by
 * its Kafka topic or its key in `channels`.
 *
 * @public
 */
export type GrantAccessChange = ({ topic: string } | { channel: string }) & {
  appId: string;
  action: 'grant' | 'revoke';
};

/**
 * The edited spec. `changed` is false when the spec already said what was
 * asked (a grant that exists, a revoke of a grant that does not).
 *
 * @public
 */
export interface GrantAccessEdit {
  text: string;
  changed: boolean;
  /** The topic the channel resolves to, and the channel's key. */
  topic: string;
  channel: string;
  ownerAppId: string;
}

const MAX_REMOVALS = 64;

/**
 * Adds or removes the `grant-access:<app-id>` tag (RULES §3) in a spec's text,
 * changing only the lines that carry it: comments, key order, quoting, flow
 * or block style and blank lines stay as written. A grant goes on the
 * channel's write operation (2.x `publish`, 3.0 the `send` operation); a
 * revoke removes the tag wherever the rule book reads it (channel, write
 * operation, its messages). Every edit is checked against the same change
 * made through the YAML document model before it is returned.
 *
 * @public
 */
export function editGrantAccess(
  specText: string,
  change: GrantAccessChange,
): GrantAccessEdit {
  checkGrantee(change.appId);
  const selector: ChannelSelector =
    'topic' in change ? { topic: change.topic } : { channel: change.channel };
  const found = findGrantChannel(readDocument(specText), selector);
  const result = (text: string): GrantAccessEdit => ({
    text,
    changed: text !== specText,
    topic: found.topic,
    channel: found.use.key,
    ownerAppId: found.ownerAppId,
  });
  if (change.appId === found.ownerAppId) {
    throw new GrantEditError(
      `${change.appId} owns "${found.topic}" and reads it already; a grant to the owner changes nothing.`,
      'Name the app-id of the data product that should read it.',
    );
  }
  if (change.action === 'grant') {
    checkSharable(found);
    if (granteesOf(found).includes(change.appId)) return result(specText);
    return result(grant(specText, found, change.appId));
  }
  let text = specText;
  for (let round = 0; round < MAX_REMOVALS; round++) {
    const current = findGrantChannel(readDocument(text), selector);
    const splice = revokeOnce(text, current, change.appId);
    if (!splice) return result(text);
    text = splice;
  }
  throw new GrantEditError(
    `The channel "${found.use.key}" carries more than ${MAX_REMOVALS} grant tags for ${change.appId}.`,
    'Remove the repeated tags by hand.',
  );
}

function checkGrantee(appId: string): void {
  if (typeof appId !== 'string' || appId.startsWith('_')) {
    throw new GrantEditError(
      appId === PUBLIC_GRANTEE
        ? 'Granting "_public" would make the topic readable by everyone; that is what a _public channel is for.'
        : `"${String(appId)}" is not an app-id.`,
      appId === PUBLIC_GRANTEE
        ? 'Rename the channel to _public.<name> in the spec if everyone should read it.'
        : 'Name the reader by its app-id, e.g. "acme.finance.accounting".',
    );
  }
  const defect = findAppIdDefect(appId);
  if (defect) throw new GrantEditError(defect.message, defect.fix);
}

function checkSharable(found: GrantChannel): void {
  if (found.access === 'private') {
    throw new GrantEditError(
      `"${found.topic}" is _private: private data is never shared (RULES §3), so it cannot be granted.`,
      'Publish a _protected channel with the data others may read, and grant that.',
    );
  }
  if (found.access === 'public') {
    throw new GrantEditError(
      `"${found.topic}" is _public: every authenticated application reads it already, so a grant would change nothing.`,
      'Read the topic directly; no grant is needed.',
    );
  }
}

function readDocument(text: string): unknown {
  const parsed = parseSpecText(text);
  const error = parsed.problems.find(problem => problem.severity === 'error');
  if (error || parsed.document === undefined) {
    throw new GrantEditError(
      `The spec cannot be read${
        error?.location ? ` (${error.location})` : ''
      }: ${error?.message ?? 'it is empty.'}`,
      error?.fix ?? 'Give the path of a YAML or JSON AsyncAPI spec.',
    );
  }
  return parsed.document;
}

function granteesOf(found: GrantChannel): string[] {
  return readGrantTags(collectGrantTags(found.use)).grantees;
}

function grant(text: string, found: GrantChannel, appId: string): string {
  const write = found.use.operations.find(operation => operation.ownerWrites);
  if (!write) {
    throw new GrantEditError(
      `The channel "${found.use.key}" has no ${
        found.version === 2 ? 'publish' : 'send'
      } operation to carry the grant.`,
      found.version === 2
        ? 'Add the publish operation the owner writes the topic with.'
        : 'Add the send operation the owner writes the topic with.',
    );
  }
  const document = parseForEdit(text);
  const style = writingStyleOf(text, document);
  const name = `${GRANT_TAG_PREFIX}${appId}`;
  const at = tagsAt(document, write.location, 'write operation');
  const splice = at.tags
    ? appendTag(text, at.tags, name, style)
    : addTagsKey(text, at.owner, name, style);
  // The same change through the document model, to check the text edit by.
  if (at.tags) at.tags.add(document.createNode({ name }));
  else at.owner.set('tags', document.createNode([{ name }]));
  return checked(text, splice, document);
}

/** Removes one grant tag for `appId`, or returns undefined when none is left. */
function revokeOnce(
  text: string,
  found: GrantChannel,
  appId: string,
): string | undefined {
  const name = `${GRANT_TAG_PREFIX}${appId}`;
  const tag = collectGrantTags(found.use).find(
    ({ tag: value }) => tagName(value) === name,
  );
  if (!tag) return undefined;
  const cut = tag.location.lastIndexOf('/tags/');
  const ownerPointer = tag.location.slice(0, cut);
  const index = Number(tag.location.slice(cut + '/tags/'.length));
  const document = parseForEdit(text);
  const at = tagsAt(document, ownerPointer, 'object');
  if (!at.tags) return undefined;
  const { splice, removedKey } = removeTag(text, at.owner, at.tags, index);
  if (removedKey) at.owner.delete('tags');
  else at.tags.items.splice(index, 1);
  return checked(text, splice, document);
}

function tagName(tag: unknown): string | undefined {
  if (typeof tag === 'string') return tag;
  const name = (tag as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The spliced text, if it reads as the document model says it should. */
function checked(text: string, splice: Splice, expected: Document): string {
  const edited = applySplice(text, splice);
  const parsed = parseSpecText(edited);
  const wanted = JSON.stringify(expected.toJS({ maxAliasCount: 1000 }));
  if (
    parsed.document === undefined ||
    JSON.stringify(parsed.document) !== wanted
  ) {
    throw new GrantEditError(
      'The spec is written in a way this editor cannot change without risking its meaning (an unusual YAML layout).',
      'Add or remove the grant-access tag by hand.',
    );
  }
  return edited;
}
