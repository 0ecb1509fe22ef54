/** Matches the store's configuration messages to the fields they name. */

import { NUMERIC_FIELDS, type NumericPath } from '../state/config';

const startsWithPath = (message: string, path: string) =>
  message === path || message.startsWith(`${path} `) || message.startsWith(`${path}:`);

/**
 * Returns the first message about `path` (for example "search.population"). The schema
 * starts each message with the dotted path of its field.
 */
export function errorForPath(path: string, errors: readonly string[]): string | undefined {
  return errors.find((message) => startsWithPath(message, path));
}

/** Prefixes a message with the label of the field it names, e.g. "Population: search.population must…". */
export function labelConfigError(message: string): string {
  const path = (Object.keys(NUMERIC_FIELDS) as NumericPath[]).find((candidate) => startsWithPath(message, candidate));
  return path ? `${NUMERIC_FIELDS[path].label}: ${message}` : message;
}
