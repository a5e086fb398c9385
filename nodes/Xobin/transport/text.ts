// Keeps text that reaches a user bounded and free of secrets: error messages quote user values and
// Xobin's words, either of which can be huge, and Xobin might echo the API key back.

/** Shortens text to at most `max` characters, ending in "…" when cut. */
export function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A user's value as a message quotes it: in double quotes, at most about 100 characters. */
export function quote(value: unknown): string {
	return `"${clip(String(value), 100)}"`;
}

/** Replaces every occurrence of each secret (as sent, or URL-encoded) with [redacted]. */
export function redact(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			clean = clean.split(form).join('[redacted]');
		}
	}
	return clean;
}
