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

/** Settings without a number field, by the name the page gives them. */
const OTHER_FIELDS: Readonly<Record<string, string>> = {
  'search.candidateSet': 'Candidate set',
  seedGenome: 'Starting network',
};

/** Other fields a link or run file can carry, by the name the page gives them. */
const RESTORED_FIELDS: Readonly<Record<string, string>> = {
  ...OTHER_FIELDS,
  'task.id': 'Task',
  'task.file': 'Data file',
  'task.fileShape': 'Data file shape',
  'search.strategy': 'Strategy',
  'search.earlyStopping': 'Early stopping',
  'search.candidateSet.maxDepth': 'Maximum depth',
  'training.optimizer': 'Optimizer',
  backend: 'Backend',
  graph: 'Network',
  positions: 'Layer positions',
  results: 'Results',
  hide: 'Hidden panels',
};

/**
 * Returns the page's label of a restored field's dotted path, or null for a path without one.
 * The label leaves out the remark in brackets that some labels end with: "Final training
 * epochs", not "Final training epochs (0 = off)".
 */
export function fieldLabel(path: string): string | null {
  // Own keys only: a link can name any field, "constructor" included.
  if (Object.hasOwn(NUMERIC_FIELDS, path)) return NUMERIC_FIELDS[path as NumericPath].label.replace(/ \(.*\)$/, '');
  return Object.hasOwn(RESTORED_FIELDS, path) ? RESTORED_FIELDS[path] : null;
}

/**
 * Names the field a message is about as the page labels it: a number field's label goes in
 * front ("Population: search.population must…"), and the dotted path of another setting is
 * replaced ("Candidate set: The candidate set is empty…" for "search.candidateSet: …").
 */
export function labelConfigError(message: string): string {
  const other = Object.keys(OTHER_FIELDS).find((candidate) => message.startsWith(`${candidate}: `));
  if (other) return `${OTHER_FIELDS[other]}: ${message.slice(other.length + 2)}`;
  const path = (Object.keys(NUMERIC_FIELDS) as NumericPath[]).find((candidate) => startsWithPath(message, candidate));
  return path ? `${NUMERIC_FIELDS[path].label}: ${message}` : message;
}
