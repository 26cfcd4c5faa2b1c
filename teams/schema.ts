/** Checks a manifest against Microsoft's official JSON schema, read from @microsoft/app-manifest (never fetched). */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { MANIFEST_VERSION } from './manifest';

/** Where the official schema of MANIFEST_VERSION is on disk; its source is MANIFEST_SCHEMA_URL. */
export function manifestSchemaPath(): string {
  return require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
  );
}

let compiled: ValidateFunction | undefined;

/**
 * Why Ajv's default draft for a schema that names draft-04: it uses `const` (draft-06 and later)
 * and none of the keywords draft-04 reads differently (`id`, boolean `exclusiveMaximum`), so the
 * result is the same. `strict: false` because strict mode lints the schema itself, which Microsoft's
 * schema would fail on keywords that are valid JSON Schema.
 */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(manifestSchemaPath(), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

/** Every way the manifest breaks the schema, as "path: message"; empty when it is valid. */
export function manifestProblems(manifest: unknown): string[] {
  const validate = validator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
}
