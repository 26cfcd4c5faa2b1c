/** PROFILE_SIGNING_CERT and PROFILE_SIGNING_KEY: optional, both or neither, checked to be a matching pair at start-up. */
import { readFileSync } from 'node:fs';
import { identityProblem, type SigningIdentity } from './signing';

/** The validated signing settings. */
export interface ProfileSigningConfig {
  /** Signs the Apple profiles; unset, they are served unsigned (the device labels them "Unverified"). */
  profileSigning?: SigningIdentity;
}

interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

type Read = (name: string) => string | undefined;

const FIX =
  'set both to PEM text or to the path of a PEM file: the certificate (then any intermediates) and its unencrypted RSA key';

/** Reads both variables; pushes every problem. */
export function parseProfileSigningConfig(read: Read, problems: Problem[]): ProfileSigningConfig {
  const cert = read('PROFILE_SIGNING_CERT');
  const key = read('PROFILE_SIGNING_KEY');
  if (cert === undefined && key === undefined) return {};
  if (cert === undefined || key === undefined) {
    const missing = cert === undefined ? 'PROFILE_SIGNING_CERT' : 'PROFILE_SIGNING_KEY';
    problems.push({ variable: missing, problem: 'missing while the other is set', fix: FIX });
    return {};
  }
  const certificates = pemOf('PROFILE_SIGNING_CERT', cert, problems);
  const privateKeyPem = pemOf('PROFILE_SIGNING_KEY', key, problems);
  if (certificates === undefined || privateKeyPem === undefined) return {};
  const [certificatePem = '', ...chainPem] = splitCertificates(certificates);
  const identity = { certificatePem, privateKeyPem, ...(chainPem.length > 0 ? { chainPem } : {}) };
  const problem = identityProblem(identity);
  if (problem) problems.push({ ...problem, fix: FIX });
  return problem ? {} : { profileSigning: identity };
}

/** PEM text as given (with "\n" written as two characters, as one-line environments do), or read from the file named. */
function pemOf(variable: string, raw: string, problems: Problem[]): string | undefined {
  if (raw.startsWith('-----BEGIN')) return raw.replaceAll('\\n', '\n');
  try {
    return readFileSync(raw, 'utf8');
  } catch {
    problems.push({ variable, problem: 'is neither PEM text nor a file that can be read', fix: FIX });
    return undefined;
  }
}

const END_CERT = '-----END CERTIFICATE-----';

/** Each certificate of a PEM bundle, in order. */
function splitCertificates(pem: string): string[] {
  return pem
    .split(END_CERT)
    .filter((part) => part.includes('-----BEGIN CERTIFICATE-----'))
    .map((part) => `${part.trim()}\n${END_CERT}\n`);
}
