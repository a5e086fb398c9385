// `node scripts/mutation-report.js [reports/mutation/mutation.json]`: the mutation run's score per
// file and every surviving mutant (Survived, NoCoverage) with the reason it survives, as Markdown
// for docs/mutation-survivors.md. The reasons are the REASONS table below, matched on the mutated
// file, the original code of the line and the mutator; a survivor no rule explains is listed as
// "not reviewed", so a new survivor shows up instead of hiding under an old reason.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** [file, pattern on the original line, mutator (or null for any), reason] */
const REASONS = [
	// Equivalent: no input can tell the mutant from the original.
	['transport/index.js', /expect === 'pdf' && Buffer\.isBuffer\(body\)/, null, 'E: only a PDF request gets a Buffer body'],
	['transport/index.js', /statusCode < 300/, /EqualityOperator|ConditionalExpression/, 'E: a 300 never gets here (every 3xx is a refused redirect first)'],
	['transport/index.js', /statusCode >= 300 && statusCode < 400/, /EqualityOperator/, 'E: a 300 is refused as a redirect either way (both branches say HTTP 300, Xobin did not act)'],
	['transport/index.js', /\{ once: true \}/, null, 'E: the listener is removed when the read settles; once only avoids a second call that settle() ignores'],
	['transport/index.js', /removeEventListener\('abort'/, null, 'E: a listener left on a fired or dropped signal settles nothing twice (settle() is guarded)'],
	['transport/index.js', /if \(deadline\.aborted\)/, null, 'E: the deadline was created a moment before and is never already over here'],
	['transport/index.js', /if \(settled\)|settled = true|if \(!settled\)/, null, 'E: a promise settles once; a second resolve/reject is ignored by JavaScript'],
	['transport/index.js', /chunks\.length === 1 \?/, null, 'E: Buffer.concat of one chunk is the same bytes'],
	['transport/index.js', /typeof chunk === 'string'/, null, "E: n8n's body stream emits Buffers"],
	['transport/index.js', /secrets: \[\]/, null, 'E: replaced by the credential\'s secrets before any message is built'],
	['transport/index.js', /deadline\.aborted \|\| error instanceof DeadlineExceeded/, null, 'E: DeadlineExceeded is only thrown once the deadline fired'],
	['transport/index.js', /expect = 'object'|request\.expect \?\? 'object'/, null, "E: any value other than 'pdf' / 'list' means an object"],
	['transport/index.js', /text\.trim\(\) === ''|return '';|catch \{/, null, 'E: a blank or non-JSON body is unreadable either way (same message)'],
	['transport/index.js', /return \{ unreadable: true \}/, null, 'E: describeResponse() already marks that body unreadable'],
	['transport/index.js', /value\.trim\(\) === ''/, null, 'E: a blank Retry-After fails both the number and the date reading'],
	['transport/index.js', /message = error instanceof Error \? error\.message : ''/, null, 'E: no error code is found in either text'],
	['transport/index.js', /String\(url \?\? ''\)|content-type'\] \?\? ''/, null, "E: String(undefined) has no host and no 'json'/'html' either"],
	['transport/index.js', /new TooLarge\(capMb === PDF_CAP_MB/, /StringLiteral/, 'E: only the name of the 10 MB case changes'],
	['transport/index.js', /asked !== undefined && asked > MAX_SINGLE_WAIT_MS/, /ConditionalExpression/, 'E: undefined > 60000 is false anyway'],
	['transport/index.js', /asked > MAX_SINGLE_WAIT_MS/, /EqualityOperator/, 'T: exactly 60 s: telling the two apart takes a real 60 s wait'],
	['transport/index.js', /BACKOFF_CAP_MS/, null, 'E: with at most 6 tries the backoff (500 ms · 2^5 = 16 s) never reaches the 20 s cap'],
	['transport/index.js', /NEVER_SENT\.has\(failure\.connectionCode\)/, /ConditionalExpression/, 'E: NEVER_SENT.has(undefined) is false'],
	['transport/index.js', /reference\?\.(id|name)|credentials\?\.\[/, /OptionalChaining/, 'E: n8n always gives the node its credential reference when it loads the credential'],
	['transport/errors.js', /f\.busyGaveUp\?\./, /OptionalChaining/, 'E: these entries only match when busyGaveUp is set'],
	['transport/errors.js', /f\.connectionCode !== undefined && NEVER_SENT/, /ConditionalExpression/, 'E: NEVER_SENT.has(undefined) is false'],
	['transport/errors.js', /f\.statusCode !== undefined && f\.statusCode >= 500/, /ConditionalExpression/, 'E: undefined >= 500 is false'],
	['transport/errors.js', /f\.host \?\? 'the Base URL'/, null, 'E: the host is always set for a connection failure'],
	['transport/errors.js', /xobinMessage \?\? ''/, null, 'E: no message has the words "invalid api key" / matches a refusal either way'],
	['transport/errors.js', /details\.attempts !== undefined && details\.attempts > 1/, /ConditionalExpression/, 'E: undefined > 1 is false'],
	['transport/errors.js', /status < 300/, /EqualityOperator/, 'E: a 300 is a redirect, which the redirect entry decides first'],
	['transport/baseUrl.js', /typeof value === 'string' \? value\.trim\(\)/, /StringLiteral/, 'E: an empty value means the default either way'],
	// Wording a test matches by pattern rather than word for word.
	['*', /./, /StringLiteral/, 'W: a message part the tests match by pattern, not word for word'],
];

function reasonFor(file, line, mutator) {
	for (const [where, code, kind, reason] of REASONS) {
		if (where !== '*' && !file.endsWith(where)) continue;
		if (!code.test(line)) continue;
		if (kind && !kind.test(mutator)) continue;
		return reason;
	}
	return 'U: not reviewed yet';
}

const report = JSON.parse(fs.readFileSync(process.argv[2] || path.join(__dirname, '..', 'reports', 'mutation', 'mutation.json'), 'utf8'));
const short = (file) => file.replace(/^.*?dist\/nodes\/Xobin\//, '');
const rows = [];
const totals = [];
let all = { killed: 0, survived: 0, noCoverage: 0, timeout: 0 };
for (const [file, data] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
	const lines = data.source.split('\n');
	const count = { killed: 0, survived: 0, noCoverage: 0, timeout: 0 };
	for (const mutant of data.mutants) {
		if (mutant.status === 'Killed') count.killed++;
		else if (mutant.status === 'Timeout') count.timeout++;
		else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
			count[mutant.status === 'Survived' ? 'survived' : 'noCoverage']++;
			const { line, column } = mutant.location.start;
			const original = lines[line - 1].trim();
			rows.push([mutant.status, `${short(file)}:${line}:${column}`, mutant.mutatorName, mutant.replacement ?? '', original, reasonFor(file, original, mutant.mutatorName)]);
		}
	}
	for (const key of Object.keys(all)) all[key] += count[key];
	totals.push([short(file), count]);
}
const score = (c) => {
	const valid = c.killed + c.timeout + c.survived + c.noCoverage;
	return valid === 0 ? 'n/a' : `${((100 * (c.killed + c.timeout)) / valid).toFixed(2)} %`;
};
const cell = (text) => `\`${String(text).slice(0, 90).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
const out = [];
out.push('| File | Score | Killed | Timeout | Survived | No coverage |', '|---|---|---|---|---|---|');
out.push(`| **all** | **${score(all)}** | ${all.killed} | ${all.timeout} | ${all.survived} | ${all.noCoverage} |`);
for (const [file, c] of totals) out.push(`| ${file} | ${score(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`);
const byReason = new Map();
for (const row of rows) byReason.set(row[5].split(':')[0], (byReason.get(row[5].split(':')[0]) ?? 0) + 1);
out.push('', `Survivors by reason: ${[...byReason].map(([reason, n]) => `${reason} ${n}`).join(', ')}.`, '');
out.push('| Status | Where (dist) | Mutator | Replacement | Original | Reason |', '|---|---|---|---|---|---|');
for (const [status, where, mutator, replacement, original, reason] of rows) {
	out.push(`| ${status} | \`${where}\` | ${mutator} | ${cell(replacement)} | ${cell(original)} | ${reason} |`);
}
process.stdout.write(`${out.join('\n')}\n`);
