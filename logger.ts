/** Structured logging with pino; secrets and customers' words are redacted before anything is written. */
import pino from 'pino';
import type { LogLevel } from './config';

/** The logger every part of the bot receives. */
export type Logger = pino.Logger;

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Why: message text may hold a customer's password or personal details, and the config holds the app secret;
 * redaction catches them even when someone logs a whole activity, config or request by mistake.
 */
export const REDACT_PATHS = [
  'text',
  '*.text',
  '*.*.text',
  'password',
  '*.password',
  'microsoftAppPassword',
  '*.microsoftAppPassword',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'directLineSecret',
  '*.directLineSecret',
  'webChatTokenSecret',
  '*.webChatTokenSecret',
  'token',
  '*.token',
  'azureStorageConnectionString',
  '*.azureStorageConnectionString',
  ...['transcriptApiKey', 'insightsApiKey', 'metricsApiKey', 'linkSigningSecret', 'webhookSigningSecret'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];

/** A JSON logger at `level`, writing to stdout unless a destination is given (tests pass one). */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: REDACTED } }, destination);
}
