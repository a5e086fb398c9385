// The Xobin Trigger's webhook constants, shared by its node and its registration code.

/**
 * The header Xobin sends back to the Xobin Trigger on every webhook call, holding the trigger's
 * secret (Xobin's "apikey" webhook authentication: a static header name and value).
 */
export const WEBHOOK_SECRET_HEADER = 'X-Xobin-Webhook-Secret';

/** Shortest secret the trigger accepts in manual setup: long enough that guessing it is hopeless. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/**
 * The query parameter that also carries the secret on assessment webhook URLs: Xobin's docs do not
 * show the auth fields of assessment webhooks, so the header alone may never arrive.
 */
export const WEBHOOK_SECRET_QUERY = 'secret';
