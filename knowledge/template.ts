/** Fills `{imap.port}`-style placeholders from a provider's server table. */
import type { KnowledgeFile, Protocol } from './schema';

const PLACEHOLDER = /\{([a-z0-9]+\.[a-zA-Z]+)\}/g;

/** The placeholder names a text uses, without braces. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Replaces each placeholder with the server's value; validation guarantees they exist. */
export function fillTemplate(text: string, k: Pick<KnowledgeFile, 'servers'>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const [proto, field] = name.split('.') as [Protocol, string];
    const value = (k.servers[proto] as Record<string, unknown> | undefined)?.[field];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A list, one item per line, as Markdown ("- " items). Why not "•": Web Chat and Teams render
 * Markdown, where lines that do not start a list item run together into one paragraph; "- "
 * reads as a list in plain text too (transcripts, the terminal chat).
 */
export function bulletList(items: string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}
