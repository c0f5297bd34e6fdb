/**
 * The rules attributes share: the id every widget requires (a poll, survey, board or program
 * id), and addresses a widget may load or hand on.
 */
import { ID } from '@heard/protocol/limits';
import type { ConfigProblem } from './heard-base.js';

export const idProblem = (attribute: string, value: string, purpose: string): ConfigProblem | undefined => {
  if (!value) return { attribute, message: `is required: ${purpose}.` };
  if (!ID.test(value)) return { attribute, message: `"${value}" must be letters, digits, and . _ : - (at most 64).` };
  return undefined;
};

/** Whether `url`, read against the page's address, is http(s): never `javascript:`, `data:` or another scheme. */
export const webUrl = (url: string): boolean => {
  try {
    return /^https?:$/.test(new URL(url, location.href).protocol);
  } catch {
    return false;
  }
};
