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
	['transport/index.js', /\{ once: true \}/, null, 'E: an AbortSignal fires "abort" only once, so once: true changes nothing'],
	['transport/index.js', /removeEventListener\('abort'/, null, 'E: once the answer arrived, a later deadline only destroys a body that readCapped has read or cuts off at that same deadline'],
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
	['transport/errors.js', /connectionCode !== undefined && (exports\.)?(NEVER_SENT|TIMED_OUT)\.has/, /ConditionalExpression/, 'E: Set.has(undefined) is false'],
	['transport/errors.js', /if \(!body \|\| typeof body !== 'object' \|\| Array\.isArray\(body\)\)/, null, 'E: a string or a list has no message / error key either (only a JSON null body, which Xobin does not send, would differ)'],
	['transport/errors.js', /typeof error === 'string' && error\.trim\(\) !== ''|if \(error && typeof error === 'object'\)/, null, 'E: a blank error reads as no words either way (said() drops an empty text)'],
	['transport/errors.js', /return \(0, text_1\.clip\)\(error\.trim\(\)/, null, 'W: only spaces around Xobin\'s error text change'],
	['transport/errors.js', /function refusalFor\(f, refusals = \[\]\)/, null, 'E: every caller passes its refusals (or none); a string entry matches nothing'],
	['transport/errors.js', /unreadable: body === null/, null, 'E: only a JSON null body differs, which Xobin does not send'],
	['transport/errors.js', /f\.statusCode === undefined \|\| f\.connectionCode !== undefined \|\| f\.busyGaveUp/, null, 'G: a refusal matched on a failure without an answer: only with a refusal that has no status and matches an empty text; none of the operations declares one'],
	['transport/errors.js', /error\.message\.replace\(/, /Regex/, 'E: messages end with their one " [item n]"'],
	['transport/errors.js', /httpCode: failure\.statusCode !== undefined \?/, null, 'G: an error without an HTTP answer would carry httpCode "undefined" (n8n shows it in the error details); not asserted'],
	['transport/baseUrl.js', /url\.username !== '' \|\| url\.password !== ''/, null, 'G: a Base URL with a password and no user name (https://:pw@host) is not tested'],
	['transport/index.js', /now \+ wait > (startedAt|run\.lastProgressAt) \+ RETRY_WINDOW_MS/, null, 'T: the window\'s exact boundary, and the request-start window alone; the moving-clock tests step 50 s with 0 ms waits'],
	['transport/index.js', /isStream = \(body\)|typeof body\?\.destroy === 'function'/, null, 'E: n8n hands over a stream (with on and destroy) or a Buffer, string or object (with neither)'],
	['transport/index.js', /if \(body === null \|\| typeof body !== 'object' \|\| Buffer\.isBuffer\(body\)\)/, null, 'E: describeResponse() already marks such a body unreadable, and the request\'s required keys are then missing'],
	['transport/index.js', /depth < 5 && current && typeof current === 'object'/, null, 'E/G: a code six causes deep is not looked for either way (the test\'s chain is one level too deep to tell 5 from 6); a non-object cause has no code'],
	['transport/index.js', /typeof code === 'string' && \/\^E/, /ConditionalExpression/, 'E: a non-string code fails the pattern anyway'],
	['helpers/ledger.js', /toLowerCase\(\)/, /MethodExpression/, 'E/K: upper and lower case compare the same; String(email) alone is killed by "the same address in other letters" (exactlyOnce.test.ts), added after this run'],
	['helpers/once.js', /notSentAgain\)?\(/, /Regex/, 'E: the earlier error ends with its one " [item n]"'],
	['invite/engine.js', /const outcomes = prepared\.map\(\(\) => \(\{ kind: 'notSent' \}\)\)|: \{ kind: 'notSent' \}\);$/, /ObjectLiteral/, 'E: a candidate not sent only exists when the run stops, and then the node throws before reading outcomes'],
	['invite/engine.js', /catch \(error\) \{$|if \(error instanceof StoppedSending\)$|return notice \? \{ kind: 'exhausted', notice, attempted: false \}|return \{ kind: 'refused', error: \(0, outputs_1\.asNodeError\)\(context, error, candidate\.itemIndex\) \}/, null, 'G: a Skip If Already Invited lookup that fails, or is cut off by a stop or run-out; no test makes the lookup itself fail'],
	['invite/engine.js', /outcomes\[itemIndex\] = \{ kind: 'refused'|else if \(outcome\.kind === 'refused'\)|else if \(outcome\.kind === 'invited' \|\| outcome\.kind === 'alreadyInvited'\)$/, null, 'G: a repeated row whose first copy was refused, or already invited by a lookup; repeats are tested after invited and uncertain first rows'],
	['invite/engine.js', /if \(outcome\.kind === 'invited' \|\| outcome\.kind === 'alreadyInvited'\)$/, null, 'G: on Retry On Fail a candidate Skip If Already Invited found is looked up again instead of reused: the same output, one more lookup; no test counts lookups across tries'],
	['invite/engine.js', /ledger\[candidate\.key\] = \{ uncertain:|if \(outcome\.kind === 'uncertain'\)$/, null, 'E: lost() records the candidate before settling it; only the entry\'s presence is read'],
	['invite/engine.js', /stopped = true;/, null, 'E: pacer.close() alone already refuses every request not yet started'],
	['invite/engine.js', /if \(\(outcome\.kind === 'uncertain' \|\| outcome\.kind === 'refused'\) && settings\.stopOnFailure\)/, null, 'K: "Stop Workflow after a refusal (HTTP 422) sends nothing more" (xobinErrors.test.ts), added after this run'],
	['invite/engine.js', /catch \{$/, null, 'G: a proving lookup that itself fails; no test breaks the lookup after a lost answer'],
	['invite/engine.js', /existingInviteEmail: invite\.existingInviteEmail \?\? email \?\? invite\.email/, null, 'E: where the engine builds it, the first row\'s email and the invite\'s email are the same address'],
	['invite/engine.js', /lookup\?\.name \?\? 'key'/, /OptionalChaining/, 'E: two addresses share a key only through the lookup\'s value, so the lookup exists there'],
	['invite/engine.js', /if \(settings\.resendUncertain\)$|return await send\(unproved, 1, true\)|if \(unproved\.length === 0\)/, null, 'G: Re-Send Uncertain Invites across Retry On Fail tries, and with every candidate proved; tested only within one try'],
	['invite/engine.js', /requires: bulk \? \[bulk\.listKey\]/, null, 'G: a 2xx bulk answer without its list: the candidates end uncertain either way, only the message differs; not asserted'],
	['invite/engine.js', /if \(stopped\)$|if \(!stopped\)$/, null, 'G: a stop while one-by-one resends or the last open batches are pending; needs a failure during a bulk run\'s tail'],
	['invite/engine.js', /if \(notice && !settings\.keepTryingWhenExhausted\)$/, null, 'E: send() parks the same way at its start, and the closed pacer refuses the request'],
	['invite/engine.js', /await send\(\[candidate\], resends, true\)/, null, 'G: the attempted flag of a candidate parked inside a one-by-one resend after another request ran out'],
	['invite/engine.js', /if \(error instanceof StoppedSending\)$/, null, 'G: a request still waiting for a slot when the run stops or runs out: only after the pacer slowed down for a 429'],
	['invite/engine.js', /const others = batch\.length > 1/, null, 'W: the sentence about the other candidates of a bulk request, matched by pattern'],
	['invite/engine.js', /const errorOf = \(\{ body, itemIndex \}\) => \(0, errors_1\.forItem\)/, /MethodExpression/, 'W: only spaces at the ends of the description change'],
	['invite/engine.js', /response\.statusCode >= 300\)\)/, /EqualityOperator/, 'E: a bulk answer here is 2xx, 400, 422 or 403 (the transport refuses 3xx)'],
	['invite/engine.js', /if \(!settings\.keepTryingWhenExhausted\)$/, null, 'E: the notice check at the start of send() parks the rest without the pacer'],
	['invite/engine.js', /if \(settings\.keepTryingWhenExhausted\)$/, null, 'G: a late success clearing the notice: needs a run-out with requests still in flight and invites added meanwhile'],
	['invite/engine.js', /Array\.isArray\(list\) \? list : \[\]|if \(!entry \|\| typeof entry !== 'object'\)|if \(!byEmail\.has\(email\)\)|return invite && product\.single\.requires\.every|unlisted\.length === 0/, null, 'G: hostile bulk answers (a list with nulls, a candidate listed twice, an entry without its link); the partial answer is tested, these shapes are not'],
	['invite/engine.js', /product\.bulk\?\.sharedKeys \?\? \[\]/, null, 'E: a product without bulk sends one candidate per request; an extra undefined key groups the same'],
	['invite/engine.js', /return response\.statusCode === 400 \|\| response\.statusCode === 422/, null, 'G: a bulk request refused with 422 (400 is tested)'],
	['invite/engine.js', /^return key$|split\('\|'\)|record\[name\] !== undefined && record\[name\] !== null && record\[name\] !== ''/, null, 'G: bulk list entries with an empty or null link, or the other spelling of a key'],
	['invite/options.js', /extra = \[\]/, null, 'E: every caller passes its own options'],
	['invite/outcome.js', /response\.statusCode !== 403 \|\| body === null/, null, 'E: a string or Buffer body has neither the code nor the words as a message'],
	['invite/outputs.js', /if \(outcome\.kind === 'notSent'\)/, null, 'E: not-sent candidates only exist when the node throws before building outputs'],
	['invite/outputs.js', /isToolExecution\)\(context\) && exhausted\.length > 0/, null, 'E: with nobody parked, the agent\'s items are the invited ones either way'],
	['invite/outputs.js', /\.sort\(byInputOrder\)|function byInputOrder|a\.pairedItem\.item - b\.pairedItem\.item/, null, 'G: as an AI agent tool, a parked candidate before an invited one in input order (with Keep Trying); tested with the parked ones last'],
	['invite/outputs.js', /invited in this run before it stopped/, /MethodExpression/, 'W: only spaces at the ends of the description change'],
	['transport/types.js', /__esModule/, null, 'E: types only (left out of the mutate list after this run)'],
	['invite/engine.js', /kind: 'notSent'|kind: 'exhausted'/, /StringLiteral/, 'E: the outputs treat every kind other than invited, alreadyInvited, uncertain, refused and notSent as parked, and a not-sent candidate only exists when the node throws'],
	['invite/outcome.js', /readXobinMessage\)\(body\) \?\? ''/, /StringLiteral/, 'E: without a message or error text the answer matches neither the code nor the words, so no notice is built'],
	['transport/index.js', /body === undefined \? ''/, /StringLiteral/, 'E: a missing body and that text are both unreadable (same message)'],
	['transport/index.js', /new Error\('The answer was cut off'\)/, /StringLiteral/, 'E: only the error code reaches the user'],
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
