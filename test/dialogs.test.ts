/** Dialog transcripts: [customer says, bot replies must match] tables, through the bot on botbuilder's TestAdapter. */
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../bots';
import { createAnswerer } from '../knowledge';

const answerer = createAnswerer();

/** The bot on memory storage, and a test adapter to talk to it (channel "test", conversation "Convo1"). */
function newClient() {
  const storage = new MemoryStorage();
  const bot = createBot({
    answerer,
    config: { supportContact: 'Call the support line.' },
    storage,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  return { client: { adapter }, storage };
}

type Client = ReturnType<typeof newClient>['client'];

/** Everything the bot said in reply to one message, text and card text and button titles. */
async function say({ adapter }: Client, input: string | Partial<Activity>): Promise<string> {
  await adapter.send(input).startTest();
  const replies = adapter.activeQueue.splice(0);
  return replies
    .map((a) =>
      [
        a.text ?? '',
        JSON.stringify(a.attachments ?? []),
        ...(a.suggestedActions?.actions ?? []).map((x) => `[${x.title}]`),
      ].join(' '),
    )
    .join('\n');
}

type Turn = [string | Partial<Activity>, RegExp, RegExp?];

async function run(turns: Turn[]): Promise<void> {
  const { client } = newClient();
  for (const [input, expected, forbidden] of turns) {
    const out = await say(client, input);
    expect({ input, out }).toEqual({ input, out: expect.stringMatching(expected) });
    if (forbidden) expect(out).not.toMatch(forbidden);
  }
}

describe('main dialog: answers', () => {
  it.each<[string, Turn[]]>([
    ['a one-fact answer, without a feedback question', [['what port for smtp', /465/, /99[35]|Yes, that helped/]]],
    ['a substantial answer asks for feedback', [['how do imap and pop differ', /sync[\s\S]*\[Yes, that helped\]/]]],
    ['a settings block as an Adaptive Card', [['imap settings', /AdaptiveCard[\s\S]*993[\s\S]*465/]]],
    [
      'clarify, then answer the choice',
      [
        ['incoming port', /993[\s\S]*995[\s\S]*\[IMAP\]/],
        ['IMAP settings', /993/],
      ],
    ],
    [
      'a follow-up uses the last protocol',
      [
        ['imap server', /mail\.btinternet\.com/],
        ['and the port?', /993/, /995|465/],
      ],
    ],
    [
      'out of scope, with a person offered',
      [['gmail smtp port', /only help with BT Email[\s\S]*\[Talk to a person\]/, /\b465\b/]],
    ],
    [
      'greeting and thanks',
      [
        ['hey there', /Hello/],
        ["cheers, that's sorted it", /welcome/],
      ],
    ],
    ['help', [['help', /I can help[\s\S]*\[Switch POP to IMAP\]/]]],
    [
      'say that again',
      [
        ['pop3 port number?', /995/],
        ['sorry, say that again?', /995/],
      ],
    ],
    ['nothing to repeat yet', [['say that again', /haven't answered anything yet/]]],
    [
      'a person, in any phrasing',
      [['I give up, let me talk to an actual advisor', /support team[\s\S]*Call the support line/]],
    ],
    [
      'feedback is acknowledged',
      [
        ['what port for smtp', /465/],
        ['Yes, that helped', /thanks for letting me know/],
      ],
    ],
    [
      'negative feedback offers a person',
      [
        ['imap settings', /993/],
        ["No, that didn't help", /\[Talk to a person\]/],
      ],
    ],
    [
      'a card button click (value only) is understood',
      [[{ type: 'message', value: { msteams: { type: 'imBack', value: 'SMTP settings' } } }, /465/]],
    ],
    [
      'a message with no text',
      [[{ type: 'message', attachments: [{ contentType: 'image/png' }] }, /only read typed messages/]],
    ],
  ])('%s', async (_name, turns) => run(turns));

  it.each<[string, Turn[]]>([
    [
      'a typed yes answers "Was this helpful?"',
      [
        ['how do imap and pop differ', /\[Yes, that helped\]/],
        ['yes it did', /thanks for letting me know/],
      ],
    ],
    [
      'a typed no after the walkthrough offers a person',
      [
        // Issue 13 (walkthrough steps): a named program still begins at step 1, as the source numbers them.
        ['switch pop to imap on thunderbird', /Step 1 of 6/],
        ...Array.from({ length: 5 }, (): Turn => ['next', /Step [2-6] of 6/]),
        ['next', /Was this helpful\?/],
        ['no', /didn't help[\s\S]*\[Talk to a person\]/],
      ],
    ],
    [
      'a yes with nothing asked is not feedback',
      [
        ['what port for smtp', /465/, /Yes, that helped/],
        ['yes', /anything else I can help with/, /thanks for letting me know/],
      ],
    ],
    [
      'a follow-up after "Was this helpful?" is a question, not feedback',
      [
        ['imap settings', /\[Yes, that helped\]/],
        ['thanks, and for pop?', /POP3/, /thanks for letting me know/],
      ],
    ],
    [
      'the question is answered once only',
      [
        ['how do imap and pop differ', /\[Yes, that helped\]/],
        ['imap port', /993/],
        ['yes', /anything else I can help with/, /thanks for letting me know/],
      ],
    ],
  ])('%s', async (_name, turns) => run(turns));

  it.each([
    ['a button', 'imap settings', 'Yes, that helped', { about: 'settings:imap:all', helpful: true }],
    ['typed', 'how do imap and pop differ', 'nope', { about: 'entry:imap-vs-pop', helpful: false }],
  ])('keeps feedback (%s) with the conversation', async (_how, question, feedback, expected) => {
    const { client, storage } = newClient();
    await say(client, question);
    await say(client, feedback);
    const stored = await storage.read(['test/conversations/Convo1/']);
    expect(stored['test/conversations/Convo1/']?.session?.feedback).toEqual([
      { ...expected, at: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('error explainer', () => {
  it.each<[string, Turn[]]>([
    [
      'asks the program, gives the tip, then fixed',
      [
        ["What's a 530 error?", /log in before[\s\S]*Which mail program[\s\S]*\[Outlook\]/],
        ['outlook', /In Outlook, open your BT account[\s\S]*Did that fix it/],
        ['yes', /glad it's working/],
      ],
    ],
    [
      'a named program skips the question; no, no → a person',
      [
        ['keep getting smtp error 530 on my samsung phone', /In Samsung Email[\s\S]*Did that fix it/],
        ['no', /more things:\n- [^\n]*full email address[^\n]*\n- [\s\S]*Did that fix it/],
        ['nope', /support team[\s\S]*\[Talk to a person\]/],
      ],
    ],
    [
      'pasted server text is understood',
      [['The server responded: 530 5.7.0 Authentication required', /My server requires authentication/]],
    ],
    [
      'a question while asked about the program is answered in place',
      [
        ['error 530', /Which mail program/],
        ['what port should it be', /465[\s\S]*Which mail program/],
        ['banana', /pick your mail program[\s\S]*Which mail program/],
        ['Skip', /Did that fix it/],
      ],
    ],
    [
      'not knowing the program gets the general tip',
      [
        ['error 530', /Which mail program/],
        ['I don’t know', /In your mail program, open your BT account's settings[\s\S]*Did that fix it/],
        ['it worked thanks!', /glad it's working/],
      ],
    ],
    [
      'a program not on the list gets the general tip',
      [
        ['error 530', /Which mail program/],
        ['I use Mailbird', /In your mail program, open your BT account's settings/, /Mailbird/],
      ],
    ],
    [
      'an error with no program tip goes straight to the check',
      [['error 535', /username or password[\s\S]*Did that fix it/]],
    ],
    [
      'unexpected answer to "did that fix it"',
      [
        ['error 535', /Did that fix it/],
        ['banana', /yes or no[\s\S]*Did that fix it/],
      ],
    ],
    [
      'cancel interrupts',
      [
        ['error 530', /Which mail program/],
        ['cancel', /stopped that/],
        ['imap port', /993/],
      ],
    ],
  ])('%s', async (_name, turns) => run(turns));
});

describe('POP to IMAP walkthrough', () => {
  it('walks through every step by buttons to "Was this helpful?"', async () => {
    await run([
      [
        'help me migrate from pop to imap',
        /add your account again[\s\S]*Step 1 of 6: Check the account type[\s\S]*Which mail program[\s\S]*\[Thunderbird\]/,
      ],
      [
        'Thunderbird',
        /Step 2 of 6: Stop the POP account checking for new mail[\s\S]*only in Thunderbird[\s\S]*\[Next\] \[Back\] \[Cancel\]/,
      ],
      ['Next', /Step 3 of 6: Add the account again as a new IMAP account[\s\S]*993[\s\S]*465[\s\S]*full email address/],
      ['Next', /Step 4 of 6: Check the IMAP folders match webmail[\s\S]*Trash, Sent Items and Drafts/],
      ['Next', /Step 5 of 6: Move mail kept only on this computer/],
      ['Next', /Step 6 of 6: Remove the POP account on every device[\s\S]*every device/],
      ['Next', /stay in sync[\s\S]*Was this helpful\?[\s\S]*\[Yes, that helped\]/],
      ['Yes, that helped', /thanks for letting me know/],
    ]);
  });

  it.each<[string, Turn[]]>([
    [
      'a named program still begins at step 1 (checking the account type)',
      [
        ['steps to change a pop3 account to imap on iphone', /Step 1 of 6[\s\S]*iPhone or iPad/],
        ['next', /Step 2 of 6[\s\S]*iPhone or iPad/],
      ],
    ],
    [
      'typed navigation: ok, back, done',
      [
        ['can we do the imap changeover', /Step 1 of 6/],
        ['right, carry on', /Step 2 of 6[\s\S]*your mail program/],
        ['ok', /Step 3 of 6/],
        ['back', /Step 2 of 6/],
        ['done', /Step 3 of 6/],
      ],
    ],
    [
      'questions mid-walkthrough are answered in place, then the step again',
      [
        ['help me migrate from pop to imap', /Step 1 of 6/],
        ["it's the desktop Outlook on Windows", /Step 2 of 6[\s\S]*Outlook/],
        ['incoming server name and port please', /mail\.btinternet\.com[\s\S]*993[\s\S]*Step 2 of 6/, /995/],
        ["what's the username?", /full email address[\s\S]*Step 2 of 6/],
        ['what encryption setting', /SSL[\s\S]*Step 2 of 6/],
      ],
    ],
    [
      'unexpected input at a step',
      [
        ['switch pop to imap on my macbook', /Step 1 of 6/],
        ['banana', /didn't quite follow[\s\S]*Step 1 of 6/],
      ],
    ],
    [
      'unexpected input when asked for the program',
      [
        ['switch pop to imap', /Step 1 of 6/],
        ['banana', /pick your mail program[\s\S]*Step 1 of 6/],
      ],
    ],
    [
      'stop ends it',
      [
        ['switch pop to imap', /Step 1 of 6/],
        ['Outlook', /Step 2/],
        ['stop', /stopped/],
        ['smtp port', /465/],
      ],
    ],
    [
      'cancel button ends it',
      [
        ['switch pop to imap', /Step 1 of 6/],
        ['Cancel', /stopped/],
      ],
    ],
    [
      'a person can be asked for mid-walkthrough',
      [
        ['switch pop to imap', /Step 1/],
        ['can I speak to someone', /support team/],
      ],
    ],
    [
      'help mid-walkthrough',
      [
        ['switch pop to imap', /Step 1/],
        ['help', /I can help/],
      ],
    ],
    [
      'a step asked for by number',
      [
        ['I want to change my iphone from pop to imap', /Step 1 of 6/],
        ["what's step 5 again", /Step 5 of 6/],
        ['go back to step 3', /Step 3 of 6/],
        ['step 1', /Step 1 of 6: Check the account type/],
        ['step 9', /didn't quite follow[\s\S]*Step 1 of 6/],
        ['step 4', /Step 4 of 6/],
      ],
    ],
    [
      'a program not on the list gets the general steps, without its name repeated',
      [
        ['switch pop to imap', /Step 1 of 6/],
        ['eM Client', /Step 2 of 6[\s\S]*your mail program/, /eM Client/],
      ],
    ],
    [
      'back from step 2 returns to step 1',
      [
        ['switch pop to imap on android', /Step 1 of 6/],
        ['next', /Step 2 of 6/],
        ['back', /Step 1 of 6/],
      ],
    ],
    [
      'asking about removing POP mid-way',
      [
        ['can we do the imap changeover', /Step 1/],
        ['and the old pop one, should I remove it?', /every device[\s\S]*Step 1/],
      ],
    ],
  ])('%s', async (_name, turns) => run(turns));
});

describe('saved dialog state', () => {
  const KEY = 'test/conversations/Convo1/';
  /** What the botbuilder-dialogs version of the bot saved mid-dialog (copied from its storage). */
  const legacy = (id: string, state: unknown) => ({
    dialogState: {
      dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [{ id, state }] } }, version: '-1610891851' }],
    },
    session: { version: 1, feedback: [] },
  });

  // [case, what was saved, the next turn, whether a dialog is under way after it]
  it.each<[string, Record<string, unknown>, Turn, boolean]>([
    [
      'a walkthrough saved by the botbuilder-dialogs version carries on',
      legacy('popToImap', { step: 2, program: 'Thunderbird' }),
      ['next', /Step 4 of 6[\s\S]*Thunderbird/],
      true,
    ],
    [
      'an error explanation saved by the botbuilder-dialogs version carries on',
      legacy('errorExplainer', { entryId: 'error-530', stage: 'program' }),
      ['outlook', /In Outlook[\s\S]*Did that fix it/],
      true,
    ],
    [
      'a walkthrough saved by this version carries on',
      { activeDialog: { version: 1, id: 'popToImap', state: { step: 0 } } },
      ['iPhone', /Step 2 of 6[\s\S]*iPhone/],
      true,
    ],
    [
      'a dialog this version does not know is dropped',
      { activeDialog: { version: 1, id: 'survey', state: {} } },
      ['imap port', /993/],
      false,
    ],
    [
      'a step past the end is dropped',
      { activeDialog: { version: 1, id: 'popToImap', state: { step: 99 } } },
      ['imap port', /993/],
      false,
    ],
    [
      'an error this knowledge does not have is dropped',
      { activeDialog: { version: 1, id: 'errorExplainer', state: { entryId: 'error-999', stage: 'fixed' } } },
      ['imap port', /993/],
      false,
    ],
    [
      'a record of another version is dropped',
      { activeDialog: { version: 2, id: 'popToImap', state: { step: 1 } } },
      ['imap port', /993/],
      false,
    ],
    ['a legacy stack without a dialog under way', { dialogState: { dialogStack: [] } }, ['imap port', /993/], false],
  ])('%s', async (_name, saved, [input, expected], underWay) => {
    const { client, storage } = newClient();
    await storage.write({ [KEY]: saved });
    expect(await say(client, input)).toMatch(expected);
    const after = (await storage.read([KEY]))[KEY] as Record<string, unknown>;
    expect(after.dialogState).toBeUndefined();
    expect(after.activeDialog !== undefined).toBe(underWay);
  });

  it('is removed when the dialog ends', async () => {
    const { client, storage } = newClient();
    await say(client, 'error 535');
    expect((await storage.read([KEY]))[KEY]?.activeDialog).toEqual({
      version: 1,
      id: 'errorExplainer',
      state: { entryId: 'error-535', stage: 'fixed' },
    });
    await say(client, 'yes');
    expect((await storage.read([KEY]))[KEY]?.activeDialog).toBeUndefined();
  });
});
