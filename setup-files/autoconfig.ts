/**
 * Mozilla's autoconfig file (clientConfig version 1.1), as Thunderbird and other clients read it, built
 * from the knowledge's settings. Pure.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { MailSetup, ServerSetup } from './settings';

/** The content type the file is served with. */
export const AUTOCONFIG_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** What Thunderbird puts in place of the address the customer typed. */
export const EMAIL_ADDRESS_PLACEHOLDER = '%EMAILADDRESS%';

/** The knowledge's encryption as autoconfig's `socketType`. */
const SOCKET_TYPES = { ssl: 'SSL', starttls: 'STARTTLS', none: 'plain' } as const;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ' });

/** The whole file: the provider's domains, IMAP then POP3 incoming (IMAP first: the one BT recommends), SMTP outgoing. */
export function autoconfigXml(setup: MailSetup): string {
  const xml = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    clientConfig: {
      '@_version': '1.1',
      emailProvider: {
        '@_id': setup.domains[0] ?? setup.providerId,
        domain: [...setup.domains],
        displayName: setup.name,
        displayShortName: setup.name,
        incomingServer: [server('imap', setup.imap), server('pop3', setup.pop3)],
        outgoingServer: server('smtp', setup.smtp),
        documentation: {
          '@_url': setup.documentation.url,
          descr: { '@_lang': 'en', '#text': setup.documentation.title },
        },
      },
    },
  });
  return String(xml);
}

function server(type: 'imap' | 'pop3' | 'smtp', s: ServerSetup): Record<string, unknown> {
  return {
    '@_type': type,
    hostname: s.host,
    port: s.port,
    socketType: SOCKET_TYPES[s.encryption],
    authentication: s.auth.mozilla,
    username: EMAIL_ADDRESS_PLACEHOLDER,
  };
}
