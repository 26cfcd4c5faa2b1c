import { MemoryReferenceStore } from '../bots/references';
import { referenceStoreContract } from './reference-store.contract';

referenceStoreContract('MemoryReferenceStore', async () => new MemoryReferenceStore());
