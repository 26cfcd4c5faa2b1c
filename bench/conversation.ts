/** The conversation the turn benches replay: facts, a settings card, the error explainer with its follow-ups, and the walkthrough with a question mid-step. */
export const BENCH_CONVERSATION = [
  'what port for smtp',
  'imap settings',
  'error 530',
  'outlook',
  'no',
  'yes',
  'switch pop to imap',
  'thunderbird',
  'next',
  'what port?',
  'next',
  'cancel',
];
