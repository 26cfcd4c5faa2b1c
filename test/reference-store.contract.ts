/** One suite for every ConversationReferenceStore; a durable store runs it with its own factory. */
import type { ConversationReference } from 'botbuilder';
import type { ConversationReferenceStore } from '../bots/references';

/** A Teams channel reference as the bot stores it. */
export function channelReference(channelId: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    bot: { id: '28:bot-app-id', name: 'BT Email help' },
    conversation: { id: channelId, isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', name: 'Support' },
  };
}

/** Runs the store contract; `make` returns an empty store. */
export function referenceStoreContract(name: string, make: () => Promise<ConversationReferenceStore>): void {
  describe(`${name} (ConversationReferenceStore contract)`, () => {
    let store: ConversationReferenceStore;
    beforeEach(async () => {
      store = await make();
    });

    it('has nothing for an unknown key, and lists nothing when empty', async () => {
      expect(await store.get('msteams:19:none@thread.tacv2')).toBeUndefined();
      expect(await store.list()).toEqual([]);
    });

    it('gives back what was put, field for field', async () => {
      const reference = channelReference('19:a@thread.tacv2');
      await store.put('msteams:19:a@thread.tacv2', reference);
      expect(await store.get('msteams:19:a@thread.tacv2')).toEqual(reference);
    });

    it('replaces the reference under the same key', async () => {
      await store.put('k', channelReference('19:old@thread.tacv2'));
      await store.put('k', channelReference('19:new@thread.tacv2'));
      expect((await store.get('k'))?.conversation?.id).toBe('19:new@thread.tacv2');
      expect(await store.list()).toHaveLength(1);
    });

    it('lists every key with its reference', async () => {
      await store.put('a', channelReference('19:a@thread.tacv2'));
      await store.put('b', channelReference('19:b@thread.tacv2'));
      const listed = await store.list();
      expect(listed.map((e) => e.key).sort()).toEqual(['a', 'b']);
      expect(listed.find((e) => e.key === 'b')?.reference).toEqual(channelReference('19:b@thread.tacv2'));
    });

    it('hands out copies: changing a returned reference changes nothing stored', async () => {
      await store.put('a', channelReference('19:a@thread.tacv2'));
      const got = await store.get('a');
      got!.conversation!.id = 'changed';
      expect((await store.get('a'))?.conversation?.id).toBe('19:a@thread.tacv2');
    });
  });
}
