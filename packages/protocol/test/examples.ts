/** Valid examples of every envelope and read response, for tests to start from and break. */
import type { Envelope } from '../src/index.js';

const base = {
  v: 1 as const,
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  widget: 'next-flavour',
  at: '2026-11-22T10:15:00.123Z',
  subject: { anonymousId: 'a1b2c3d4e5f6a7b8c9d0' },
  context: { locale: 'en-GB', page: '/pricing', sdk: 'heard/0.1.0' },
};

export const validEnvelopes: Envelope[] = [
  { ...base, type: 'poll.vote', data: { options: ['mango'] } },
  { ...base, type: 'poll.vote', data: { options: [], other: 'Yuzu' } },
  { ...base, type: 'poll.vote', data: { options: ['mango', 'matcha'], other: 'Both, please' } },
  { ...base, type: 'nps.response', data: { score: 0 } },
  { ...base, type: 'nps.response', data: { score: 10, comment: 'Great.\nKeep going\t!' } },
  { ...base, type: 'nps.dismissed', data: {} },
  {
    ...base,
    type: 'idea.create',
    data: { title: 'Dark mode', description: 'Please', form: { honeypot: '', fillMs: 5400 } },
  },
  { ...base, type: 'idea.vote', data: { idea: 'idea-42' } },
  { ...base, type: 'idea.unvote', data: { idea: 'idea-42' } },
  {
    ...base,
    type: 'beta.signup',
    data: {
      email: 'ada@example.com',
      consent: true,
      code: 'k3J9x_Qa',
      fields: { name: 'Ada', role: 'Engineer' },
      referredBy: 'Zz9-abcd',
      form: { honeypot: '', fillMs: 12000, proof: '1795000000000.c2FsdHNhbHQ.bWFjbWFj.48213' },
    },
  },
  {
    ...base,
    type: 'poll.vote',
    data: { options: ['forest'], other: 'Desert' },
    definition: {
      question: 'Which theme\nshould we draw next?',
      options: [
        { id: 'forest', label: 'Forest', image: 'https://cdn.example.com/forest.jpg' },
        { id: 'sea', label: '大海' },
      ],
      multiple: true,
      allowOther: true,
    },
  },
  {
    ...base,
    type: 'nps.response',
    data: { score: 9 },
    definition: { question: 'How likely are you to recommend Acme to a friend or colleague?', product: 'Acme' },
  },
  {
    ...base,
    type: 'idea.create',
    data: { title: 'Dark mode', form: { honeypot: '', fillMs: 5400 } },
    definition: { name: 'Roadmap' },
  },
  {
    ...base,
    type: 'beta.signup',
    data: { email: 'ada@example.com', consent: true, code: 'k3J9x_Qa', form: { honeypot: '', fillMs: 12000 } },
    definition: { name: 'AI beta', consent: 'I agree to be e-mailed about the beta and to share feedback.' },
  },
  {
    ...base,
    subject: {
      anonymousId: 'a1b2c3d4e5f6a7b8c9d0',
      userId: 'user 17',
      traits: { plan: 'pro', seats: 4, trial: false, org: null },
    },
    context: { locale: 'zh-Hans-CN', sdk: 'heard/1.0.0-beta.1' },
    at: '2026-11-22T18:15:00+08:00',
    type: 'nps.response',
    data: { score: 7 },
  },
];

export const validReads = {
  pollResults: {
    poll: 'next-flavour',
    total: 12,
    options: [
      { id: 'mango', votes: 7 },
      { id: 'matcha', votes: 5 },
    ],
    other: 1,
    mine: { options: ['mango'] },
    closed: false,
  },
  ideaList: {
    ideas: [
      {
        id: 'idea-1',
        title: 'Dark mode',
        description: null,
        status: 'shipped',
        statusNote: null,
        statusChangedAt: '2026-11-20T09:00:00Z',
        votes: 31,
        voted: true,
        createdAt: '2026-10-01T09:00:00Z',
      },
    ],
    nextCursor: 'b2Zmc2V0OjIw',
  },
  similarIdeas: { ideas: [{ id: 'idea-1', title: 'Dark mode', status: 'open', votes: 3, voted: false }] },
  betaStatus: {
    program: 'ai-beta',
    position: 42,
    total: 300,
    referralCode: 'k3J9x_Qa',
    referrals: 2,
    status: 'waiting',
  },
  eventsResponse: { accepted: [base.id], duplicates: [], rejected: [] },
  errorBody: {
    code: 'invalid_body',
    message: 'Bad',
    issues: [{ path: 'data.score', code: 'too_big', message: 'At most 10' }],
  },
};
