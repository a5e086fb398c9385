// Which Xobin base URLs the credential accepts: https everywhere, plain http only on this machine,
// no user name or password, query or fragment in it, so the API key never crosses a network in
// clear text and every path is appended to a plain address.

import { XOBIN_DEFAULT_BASE_URL } from './constants';

/**
 * Source of the pattern a usable base URL matches. Kept as a string so the credential test can
 * embed it in an n8n expression; the node explains a refusal with baseUrlProblem(), same rule.
 */
export const SAFE_BASE_URL_PATTERN =
	'^(https:\\/\\/[^\\s/?#@]+|http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?)(\\/[^\\s?#@]*)?$';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Trims the value and drops trailing slashes; an empty value means Xobin's default. */
export function tidyBaseUrl(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	return (text === '' ? XOBIN_DEFAULT_BASE_URL : text).replace(/\/+$/, '');
}

/** Why a base URL cannot be used (without repeating any user name or password in it), or undefined. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return 'is not a web address';
	}
	if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
	if (baseUrl.includes('?') || baseUrl.includes('#'))
		return 'must not contain a query (?) or fragment (#)';
	if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
		return new RegExp(SAFE_BASE_URL_PATTERN, 'i').test(baseUrl)
			? undefined
			: 'is not a plain web address';
	}
	return 'must start with https://';
}
