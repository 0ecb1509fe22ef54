/** A hidden file input that reads a data file of the user's own into the session. */

import { useRef, type ChangeEvent } from 'react';
import { decodeText } from '../../data/text-decoding';
import { rememberDataFile } from '../data-file-storage';
import { useSession } from '../session/session-context';

/** The file types the data-file task reads: CSV with a header, or JSON with train and test rows. */
const ACCEPT = '.csv,.json,text/csv,application/json';

/**
 * Returns a hidden file input for the page, and `choose`, which opens the browser's file
 * dialog on it. The chosen file goes to the session, which loads it or names its problem.
 */
export function useDataFileChooser(label: string) {
  const input = useRef<HTMLInputElement>(null);
  const session = useSession();

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clearing the input lets the same file be chosen again after it was fixed on disk.
    event.target.value = '';
    if (!file) return;
    const text = decodeText(new Uint8Array(await file.arrayBuffer()));
    if (!session.loadDataFile(text, file.name) || rememberDataFile({ name: file.name, text })) return;
    const megabytes = (file.size / 1e6).toFixed(1);
    session.notify(`"${file.name}" (${megabytes} MB) is loaded, but it is too large for this tab to keep across reloads: after a reload, choose it again.`, null);
  };

  return {
    choose: () => input.current?.click(),
    input: <input ref={input} type="file" accept={ACCEPT} aria-label={label} hidden onChange={(event) => void onChange(event)} />,
  };
}
