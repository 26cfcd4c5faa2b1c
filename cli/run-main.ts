/** How the storage commands (`npm run transcript`, `npm run insights`) end: a bad setting is one line on stderr, exit 1. */
import { ConfigError } from '../config';
import { StorageOpenError } from '../storage';

/** Runs `main` with the command line's arguments; a configuration or storage problem is told, anything else thrown. */
export function runMain(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      if (!(err instanceof ConfigError || err instanceof StorageOpenError)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
