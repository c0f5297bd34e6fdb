/** The one rule for the id attributes every widget requires: a poll, survey, board or program id. */
import { ID } from '@heard/protocol/limits';
import type { ConfigProblem } from './heard-base.js';

export const idProblem = (attribute: string, value: string, purpose: string): ConfigProblem | undefined => {
  if (!value) return { attribute, message: `is required: ${purpose}.` };
  if (!ID.test(value)) return { attribute, message: `"${value}" must be letters, digits, and . _ : - (at most 64).` };
  return undefined;
};
