// Assessment → Get Shareable Report Link: POST /assessments/reports/<report_id>/share (plural
// "reports") for each item. Xobin answers with a signed, time-limited URL that opens without a
// Xobin login. Assessments allow 15 minutes to 24 hours (AI interviews allow 1 minute), checked
// before anything is sent. Built from ASSESSMENT_REPORTS (../reports.ts).

import { shareLinkOperation } from '../reports';
import { ASSESSMENT_REPORTS } from './common';

export const { fields, description, execute } = shareLinkOperation(ASSESSMENT_REPORTS);
