/** The eTag guard: BotState's "*" writes carry the eTag last read, so a lost race is refused, not applied. */
import { guardETags } from '../storage/etag-guard';
import { StaleWriteError } from '../storage/errors';
import { MemoryStateStorage } from '../storage/memory';

describe('guardETags', () => {
  it('refuses a "*" write when someone else wrote since this side read', async () => {
    const shared = new MemoryStateStorage();
    const [mine, theirs] = [guardETags(shared), guardETags(shared)];
    await shared.write({ k: { step: 2 } });
    const read = (await mine.read(['k'])).k;
    await theirs.read(['k']);
    await theirs.write({ k: { step: 3, eTag: '*' } });
    await expect(mine.write({ k: { ...read, step: 3, eTag: '*' } })).rejects.toThrow(StaleWriteError);
    expect((await shared.read(['k'])).k.step).toBe(3);
  });

  it.each<[string, (guarded: ReturnType<typeof guardETags>) => Promise<unknown>, number]>([
    ['after its own read', (g) => g.read(['k']), 0],
    ['without a read', async () => undefined, 0],
    ['after a read older than the longest turn', (g) => g.read(['k']), 60],
  ])('lets a "*" write through %s when nobody else wrote', async (_name, before, waitMs) => {
    const shared = new MemoryStateStorage();
    const guarded = guardETags(shared, 50);
    await shared.write({ k: { step: 1 } });
    await before(guarded);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    await guarded.write({ k: { step: 2, eTag: '*' } });
    expect((await shared.read(['k'])).k.step).toBe(2);
  });

  it('lets a write through unconditionally once its read was too old, even after another writer', async () => {
    const shared = new MemoryStateStorage();
    const guarded = guardETags(shared, 10);
    await shared.write({ k: { step: 1 } });
    await guarded.read(['k']);
    await shared.write({ k: { step: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await guarded.write({ k: { step: 2, eTag: '*' } });
    expect((await shared.read(['k'])).k.step).toBe(2);
  });
});
