// AI Interview → Get Shareable Report Link: POST /ai-interviews/report/<response_id>/share for each
// item. Xobin answers with a signed, time-limited URL (signed_url, expires_at) that anyone can open
// without a Xobin login, e.g. a hiring manager. The expiration is checked against Xobin's range
// (1 minute to 24 hours) before anything is sent. Built from AI_INTERVIEW_REPORTS (../reports.ts).

import { shareLinkOperation } from '../reports';
import { AI_INTERVIEW_REPORTS } from './common';

export const { fields, description, execute } = shareLinkOperation(AI_INTERVIEW_REPORTS);
