// Which Xobin base URLs the credential accepts: https everywhere, plain http only on this machine,
// so the API key never crosses a network in clear text.

import { XOBIN_DEFAULT_BASE_URL } from './constants';

/**
 * Source of the pattern a usable base URL matches. Kept as a string so the credential test can
 * embed it in an n8n expression and the node can compile it: one rule for both.
 */
export const SAFE_BASE_URL_PATTERN =
	'^(https:\\/\\/[^\\s/?#]+|http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?)(\\/[^\\s?#]*)?$';

const safeBaseUrl = new RegExp(SAFE_BASE_URL_PATTERN, 'i');

/** Trims the value and drops trailing slashes; an empty value means Xobin's default. */
export function tidyBaseUrl(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	return (text === '' ? XOBIN_DEFAULT_BASE_URL : text).replace(/\/+$/, '');
}

export function isSafeBaseUrl(baseUrl: string): boolean {
	return safeBaseUrl.test(baseUrl);
}
