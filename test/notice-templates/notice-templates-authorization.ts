import { defaultNoticeTemplate } from '../../src/core/notices/default-notice-templates.ts';
import type { MatrixSection } from '../server/authorization-matrix-types.ts';

const receipt = defaultNoticeTemplate('receipt')!;
const receiptForm = {
  title: receipt.title,
  addressee: receipt.addressee,
  body: receipt.body,
  attachments: receipt.attachments,
  revision: '0',
};

/** The agency's own notice templates (docs/notice-templates.md): its staff read and preview, reviewer and head edit. */
export const noticeTemplatesAuthorization: MatrixSection = {
  name: 'notice templates',
  rows: [
    {
      route: 'GET /staff/notice-templates',
      url: () => '/staff/notice-templates',
      allowed: ['handler', 'reviewer', 'head'],
    },
    {
      route: 'GET /staff/notice-templates/:templateId',
      url: () => '/staff/notice-templates/receipt',
      allowed: ['handler', 'reviewer', 'head'],
    },
    {
      route: 'POST /staff/notice-templates/:templateId',
      url: () => '/staff/notice-templates/receipt',
      body: () => receiptForm,
      allowed: ['reviewer', 'head'],
    },
    {
      route: 'POST /staff/notice-templates/:templateId/preview',
      url: () => '/staff/notice-templates/receipt/preview',
      body: () => receiptForm,
      allowed: ['handler', 'reviewer', 'head'],
    },
    {
      route: 'POST /staff/notice-templates/:templateId/revert',
      url: () => '/staff/notice-templates/receipt/revert',
      body: () => ({ revision: '1' }),
      allowed: ['reviewer', 'head'],
    },
  ],
};
