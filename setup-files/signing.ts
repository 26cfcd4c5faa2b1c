/**
 * Optional signing of a profile (PKCS#7 signed data, node-forge): a signed profile shows its signer
 * on the device instead of "Unverified". Pure.
 */
import forge from 'node-forge';

/** A certificate and its private key, both PEM. */
export interface SigningIdentity {
  certificatePem: string;
  privateKeyPem: string;
  /** Intermediate certificates (PEM), sent with the signature so the device can build the chain. */
  chainPem?: readonly string[];
}

/** The DER bytes of a PKCS#7 signed-data message holding `content`, signed with SHA-256. */
export function signProfile(content: string, identity: SigningIdentity): Buffer {
  const certificate = forge.pki.certificateFromPem(identity.certificatePem);
  const key = forge.pki.privateKeyFromPem(identity.privateKeyPem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content, 'utf8');
  p7.addCertificate(certificate);
  for (const pem of identity.chainPem ?? []) p7.addCertificate(pem);
  p7.addSigner({
    key,
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      { type: forge.pki.oids.signingTime! },
    ],
  });
  p7.sign();
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** Why checked at start-up: a key that does not belong to the certificate would sign profiles no device accepts. */
export function identityProblem(identity: SigningIdentity): IdentityProblem | undefined {
  let certificate: forge.pki.Certificate;
  let key: forge.pki.rsa.PrivateKey;
  try {
    certificate = forge.pki.certificateFromPem(identity.certificatePem);
  } catch {
    return { variable: 'PROFILE_SIGNING_CERT', problem: 'is not a PEM certificate (RSA)' };
  }
  try {
    key = forge.pki.privateKeyFromPem(identity.privateKeyPem) as forge.pki.rsa.PrivateKey;
  } catch {
    return { variable: 'PROFILE_SIGNING_KEY', problem: 'is not an unencrypted PEM RSA private key' };
  }
  const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  if (publicKey.n?.equals(key.n)) return undefined;
  return { variable: 'PROFILE_SIGNING_KEY', problem: 'does not belong to the certificate in PROFILE_SIGNING_CERT' };
}

/** Which variable holds a bad identity, and what is wrong with it. */
export interface IdentityProblem {
  variable: 'PROFILE_SIGNING_CERT' | 'PROFILE_SIGNING_KEY';
  problem: string;
}
