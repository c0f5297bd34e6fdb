/** Reads the NPS element's attributes into checked rules, or names the first wrong attribute. */
import type { FrequencyRules } from '@heard/sdk';
import type { ConfigProblem } from '../shared/heard-element.js';
import { idProblem } from '../shared/id-problem.js';

export type NpsMode = 'inline' | 'prompt';

export interface NpsConfig {
  mode: NpsMode;
  /** Seconds after load before a prompt may appear. */
  delay: number;
  /** A window event that lets the prompt appear instead of the delay. */
  trigger: string;
  rules: FrequencyRules;
}

export interface NpsAttributes {
  surveyId: string;
  mode: string;
  delay: number;
  sample: number;
  minPageViews: number;
  cooldownDays: number;
  dismissCooldownDays: number;
  trigger: string;
}

const number = (attribute: string, value: number, min: number, max: number): ConfigProblem | undefined =>
  Number.isFinite(value) && value >= min && value <= max
    ? undefined
    : { attribute, message: `"${value}" must be a number from ${min} to ${max}.` };

export const parseNps = (a: NpsAttributes): NpsConfig | ConfigProblem => {
  const badId = idProblem('survey-id', a.surveyId, 'the id answers are kept under');
  if (badId) return badId;
  if (a.mode !== 'inline' && a.mode !== 'prompt')
    return { attribute: 'mode', message: `"${a.mode}" must be inline or prompt.` };
  const problem =
    number('delay', a.delay, 0, 3_600) ??
    number('sample', a.sample, 0, 1) ??
    number('min-page-views', a.minPageViews, 0, 1_000) ??
    number('cooldown-days', a.cooldownDays, 0, 3_650) ??
    number('dismiss-cooldown-days', a.dismissCooldownDays, 0, 3_650);
  if (problem) return problem;
  if (a.trigger && !/^[A-Za-z][\w.:-]{0,63}$/.test(a.trigger))
    return { attribute: 'trigger', message: `"${a.trigger}" is not an event name.` };
  return {
    mode: a.mode,
    delay: a.delay,
    trigger: a.trigger,
    rules: {
      sample: a.sample,
      minPageViews: a.minPageViews,
      cooldownAfterAnswerDays: a.cooldownDays,
      cooldownAfterDismissDays: a.dismissCooldownDays,
    },
  };
};
