/** What /api/messages requires of an activity before the adapter sees it. */

/** The fields every activity needs, in the order they are checked; each must be a non-empty string. */
export const REQUIRED_ACTIVITY_FIELDS = ['type', 'channelId', 'conversation.id', 'serviceUrl'] as const;
export type ActivityField = (typeof REQUIRED_ACTIVITY_FIELDS)[number];

/**
 * The first required field that is missing or of the wrong type, or undefined for a well-formed activity.
 * Why: botbuilder would run the turn without them and fail inside it, answering 200 and an apology.
 */
export function malformedField(body: Readonly<Record<string, unknown>>): ActivityField | undefined {
  const conversation = isObject(body.conversation) ? body.conversation : {};
  const values: Record<ActivityField, unknown> = {
    type: body.type,
    channelId: body.channelId,
    'conversation.id': conversation.id,
    serviceUrl: body.serviceUrl,
  };
  return REQUIRED_ACTIVITY_FIELDS.find((field) => typeof values[field] !== 'string' || values[field] === '');
}

/** A JSON object (not an array or null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
