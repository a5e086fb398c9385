// Assessment → Get Shareable Report Link: POST /assessments/reports/<report_id>/share (plural
// "reports") for each item: a signed URL that opens without a Xobin login, for 15 minutes to 24
// hours (checked before anything is sent). Built from ASSESSMENT_REPORTS (../reports.ts).

import { shareLinkOperation } from '../reports';
import { ASSESSMENT_REPORTS } from './common';

export const { fields, description, execute } = shareLinkOperation(ASSESSMENT_REPORTS);
