/**
 * Apple's published schema for profile payloads (apple/device-management, kept in ./apple-schema), and a
 * check of a profile against it: every key known, of its type, required keys present, values allowed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlistObject, PlistValue } from 'plist';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../knowledge/load';

/** Where the schema files are kept, as published. */
export const APPLE_SCHEMA_DIR = join(projectRoot(__dirname), 'setup-files', 'apple-schema');

const keySchema = z.object({
  key: z.string(),
  type: z.enum([
    '<string>',
    '<integer>',
    '<boolean>',
    '<array>',
    '<dictionary>',
    '<data>',
    '<date>',
    '<real>',
    '<any>',
  ]),
  presence: z.enum(['required', 'optional']).optional(),
  rangelist: z.array(z.union([z.string(), z.number()])).optional(),
  format: z.string().optional(),
});

const fileSchema = z.object({
  payload: z.object({ payloadtype: z.string() }),
  payloadkeys: z.array(keySchema),
});

/** One payload's schema: its type and its keys. */
export type PayloadSchema = z.infer<typeof fileSchema>;
type KeySpec = z.infer<typeof keySchema>;

/** Reads one of the kept schema files (e.g. "com.apple.mail.managed.yaml"), checked with zod. */
export function loadPayloadSchema(file: string, dir: string = APPLE_SCHEMA_DIR): PayloadSchema {
  return fileSchema.parse(parse(readFileSync(join(dir, file), 'utf8')));
}

/** The schemas a Mail profile is checked against. */
export interface ProfileSchemas {
  topLevel: PayloadSchema;
  common: PayloadSchema;
  payloads: ReadonlyMap<string, PayloadSchema>;
}

/** TopLevel, the common payload keys and the Mail payload, from the kept files. */
export function loadMailProfileSchemas(dir: string = APPLE_SCHEMA_DIR): ProfileSchemas {
  const mail = loadPayloadSchema('com.apple.mail.managed.yaml', dir);
  return {
    topLevel: loadPayloadSchema('TopLevel.yaml', dir),
    common: loadPayloadSchema('CommonPayloadKeys.yaml', dir),
    payloads: new Map([[mail.payload.payloadtype, mail]]),
  };
}

/** Every way a profile departs from the schemas, as "where: what" lines; empty when it conforms. */
export function profileProblems(profile: PlistObject, schemas: ProfileSchemas): string[] {
  const problems = dictProblems('profile', profile, schemas.topLevel.payloadkeys);
  const content = profile.PayloadContent;
  if (!Array.isArray(content)) return problems;
  content.forEach((item: PlistValue, i: number) =>
    problems.push(...payloadProblems(`PayloadContent[${i}]`, item, schemas)),
  );
  return problems;
}

function payloadProblems(where: string, item: PlistValue, schemas: ProfileSchemas): string[] {
  if (!isDict(item)) return [`${where}: is not a dictionary`];
  const type = item.PayloadType;
  const schema = typeof type === 'string' ? schemas.payloads.get(type) : undefined;
  if (!schema) return [`${where}.PayloadType: got ${JSON.stringify(type)}; no schema kept for it`];
  return dictProblems(where, item, [...schemas.common.payloadkeys, ...schema.payloadkeys]);
}

function dictProblems(where: string, dict: PlistObject, specs: readonly KeySpec[]): string[] {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(dict)) {
    const spec = byKey.get(key);
    if (!spec) problems.push(`${where}.${key}: not a key of the schema`);
    else problems.push(...valueProblems(`${where}.${key}`, value, spec));
  }
  for (const spec of specs)
    if (spec.presence === 'required' && !(spec.key in dict)) problems.push(`${where}.${spec.key}: required, missing`);
  return problems;
}

function valueProblems(where: string, value: PlistValue, spec: KeySpec): string[] {
  if (!TYPE_CHECKS[spec.type](value)) return [`${where}: got ${JSON.stringify(value)}; must be ${spec.type}`];
  if (spec.rangelist && !spec.rangelist.includes(value as string | number))
    return [`${where}: got ${JSON.stringify(value)}; allowed ${spec.rangelist.join(', ')}`];
  if (spec.format && typeof value === 'string' && !new RegExp(spec.format).test(value))
    return [`${where}: got ${JSON.stringify(value)}; must match ${spec.format}`];
  return [];
}

const TYPE_CHECKS: Record<KeySpec['type'], (v: PlistValue) => boolean> = {
  '<string>': (v) => typeof v === 'string',
  '<integer>': (v) => typeof v === 'number' && Number.isInteger(v),
  '<real>': (v) => typeof v === 'number',
  '<boolean>': (v) => typeof v === 'boolean',
  '<array>': (v) => Array.isArray(v),
  '<dictionary>': (v) => isDict(v),
  '<data>': (v) => Buffer.isBuffer(v),
  '<date>': (v) => v instanceof Date,
  '<any>': () => true,
};

function isDict(v: PlistValue): v is PlistObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);
}
