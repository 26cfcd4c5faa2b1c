/** What parseConfig refuses in an environment, one "VARIABLE: problem; fix" line each (none when it parses). */
import { ConfigError, parseConfig } from '../../config';

/** The problems parseConfig reports for `env`, or [] when it parses. */
export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.variable}: ${p.problem}; ${p.fix}`);
    throw err;
  }
  return [];
}
