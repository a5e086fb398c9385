// Track → Reject Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/reject for each
// item, optionally emailing the applicant and only from a given source stage (409 otherwise).

import { emailMessageField, sendEmailField, stageChangeOperation } from './common';

// Optional fields in the order the collection shows them (alphabetical).
export const { fields, description, execute } = stageChangeOperation('reject', [
	emailMessageField,
	sendEmailField,
]);
