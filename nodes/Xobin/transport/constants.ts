// The constants of the connection to Xobin, which the transport and the credential share.

export const XOBIN_CREDENTIAL_TYPE = 'xobinApi';

export const XOBIN_DEFAULT_BASE_URL = 'https://app.xobin.com/api/v2';

/** How long one request may take, headers and body together, unless the credential says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
