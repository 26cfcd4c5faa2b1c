/** Small helpers every blob store shares: creating its container once, conditional uploads, expected statuses. */
import { RestError, type ContainerClient } from '@azure/storage-blob';

/** Creates the container once; a failure is forgotten so the next call tries again. */
export function createContainer(container: ContainerClient, forget: () => void): Promise<unknown> {
  return container.createIfNotExists().catch((err: unknown) => {
    forget();
    throw err;
  });
}

/** Uploads `body` under the given conditions; resolves with the new eTag. */
export async function upload(
  blob: ReturnType<ContainerClient['getBlockBlobClient']>,
  body: string,
  conditions: { ifNoneMatch?: string; ifMatch?: string },
): Promise<string | undefined> {
  return (await blob.upload(body, Buffer.byteLength(body), { conditions })).etag;
}

/** The promise's value, or undefined when it failed with one of `statuses`. */
export async function ignoreStatus<T>(promise: Promise<T>, ...statuses: number[]): Promise<T | undefined> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof RestError && err.statusCode !== undefined && statuses.includes(err.statusCode)) return undefined;
    throw err;
  }
}
