/**
 * The reply to a pasted settings screen: what to change, what is right, what else to check, from
 * `checkScreen` (`screen.ts`). Why a file of its own: the screen reader is shared by the settings
 * checker, which the search and the answers import, and the reply imports both.
 */
import type { Reply } from './answers';
import type { Provider } from './load';
import { ENTRY_IDS } from './routes';
import type { Protocol } from './schema';
import { checkScreen, incomingProtocol, type Screen } from './screen';
import { TEXT } from './texts';

/** The reply to a pasted screen: what to change, what is right, what else to check. */
export function screenReply(screen: Screen, provider: Provider): Reply {
  const check = checkScreen(screen, provider);
  const lines = [
    check.wrong.length > 0 ? SCREEN_TEXT.change : SCREEN_TEXT.allRight,
    ...check.wrong.map((w) => `• ${w}`),
    ...(check.right.length > 0 ? [`${SCREEN_TEXT.right} ${check.right.join(', ')}.`] : []),
    ...(check.unseen.length > 0 ? [`${SCREEN_TEXT.alsoCheck} ${check.unseen.join('; ')}.`] : []),
    ...(incomingProtocol(screen) === 'pop3' ? [SCREEN_TEXT.popNote(provider.servers.imap.port)] : []),
  ];
  const ids = [...new Set(Object.values(provider.servers).flatMap((s) => s.sources))];
  const sources = ids.flatMap((id) => {
    const s = provider.sources[id];
    return s ? [{ label: s.label, title: s.title, url: s.url }] : [];
  });
  const protocols: Protocol[] = [incomingProtocol(screen) ?? 'imap', 'smtp'];
  const walkthrough = provider.entries.find((e) => e.id === ENTRY_IDS.popToImap);
  const offer =
    incomingProtocol(screen) === 'pop3' && walkthrough ? [{ title: walkthrough.title, value: walkthrough.title }] : [];
  return {
    text: `${lines.join('\n')}\n\nSource: ${sources.map((s) => s.label).join(', ')}`,
    suggestions: [...protocols.map((p) => TEXT.allSettings(provider.servers[p].label)), ...offer],
    sources,
    substantial: true,
  };
}

const SCREEN_TEXT = {
  change: "I've read the settings you pasted. Change these:",
  allRight: "I've read the settings you pasted, and what I can see there is right.",
  right: 'These are right:',
  alsoCheck: "Also check what I couldn't see:",
  popNote: (imapPort: number) =>
    `Your account is set up as POP3, which works, but BT recommends IMAP (port ${imapPort}, SSL on) if you also use webmail or another device: I can walk you through switching.`,
} as const;
