// Every Xobin constant the node and credential share: one place to change a URL or a limit.

export const XOBIN_CREDENTIAL_TYPE = 'xobinApi';

export const XOBIN_DEFAULT_BASE_URL = 'https://app.xobin.com/api/v2';

/** Xobin's error code in the 403 body sent when the account has no invites left. */
export const INVITES_EXHAUSTED_CODE = 'limit_exceed';

/** Xobin's message in that body; some answers carry only this text, so it is matched too. */
export const INVITES_EXHAUSTED_MESSAGE_PATTERN = /invites?\s+exhausted/i;

/** How long one request may take, headers and body together, unless the credential says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

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
