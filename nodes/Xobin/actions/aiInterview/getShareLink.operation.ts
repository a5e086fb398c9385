// AI Interview → Get Shareable Report Link: POST /ai-interviews/report/<response_id>/share for each
// item: a signed URL that opens without a Xobin login, for 1 minute to 24 hours (checked before
// anything is sent). Built from AI_INTERVIEW_REPORTS (../reports.ts).

import { shareLinkOperation } from '../reports';
import { AI_INTERVIEW_REPORTS } from './common';

export const { fields, description, execute } = shareLinkOperation(AI_INTERVIEW_REPORTS);
