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
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** How long typing pauses before the search goes into the URL. */
export const SEARCH_URL_DELAY_MS = 300;

/**
 * The search as typed, which filters at once, and written to the URL (for a
 * link to share) once typing pauses: a change of the URL re-renders the whole
 * app under the router, which on every keystroke would slow typing down.
 * A change of the URL by other means (clearing the filters, going back) wins.
 */
export function useSearchText(
  inUrl: string | undefined,
  writeToUrl: (q: string | undefined) => void,
): [string | undefined, (q: string | undefined) => void] {
  const [q, setQ] = useState(inUrl);
  const written = useRef(inUrl);
  useEffect(() => {
    if (inUrl !== written.current) {
      written.current = inUrl;
      setQ(inUrl);
    }
  }, [inUrl]);
  useDebounce(
    () => {
      if (q !== written.current) {
        written.current = q;
        writeToUrl(q);
      }
    },
    SEARCH_URL_DELAY_MS,
    [q],
  );
  return [q, setQ];
}
