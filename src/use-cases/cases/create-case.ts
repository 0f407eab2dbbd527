import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/iso-date.ts';
import { APPLICANT_TYPES, type ApplicantType } from '../../core/cases/applicant-type.ts';
import type { CaseEvent } from '../../core/cases/case-event.ts';
import { CHANNELS, receiptDate, type Channel } from '../../core/cases/channel.ts';
import { checkIdentity, IDENTITY_DOCUMENT_TYPES } from '../../core/cases/identity-number.ts';
import { normaliseRequest } from '../../core/cases/normalise-request.ts';
import { replay } from '../../core/cases/replay.ts';
import { AppError, type FieldErrors } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import { insertCaseOnce } from '../../db/repositories/cases/case-repository.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import type { CaseRow } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { hashSecret, newId } from '../platform/session-token.ts';
import {
  newCaseSecret,
  newTrackingCode,
  normaliseSecret,
  requireDataKeys,
  sealApplicant,
  type ApplicantData,
} from './applicant-data.ts';
import { calendarForAgency } from './case-calendar.ts';
import { appendCaseEvents } from '../../db/repositories/cases/case-repository.ts';
import { cacheOf, eventRow, today } from './case-record.ts';

export const FORM_WANTED = { paper: '纸质', electronic: '电子数据', other: '其他形式' } as const;
export const DELIVERY_WANTED = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上查看下载' } as const;

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}个字`);

/** The application form (条例第二十九条): who, how to reach them, what, in which form — the same online and on paper. */
export const applicationFields = {
  agencyId: z.string().min(1, '请选择受理机关').max(64),
  applicantType: z.enum(APPLICANT_TYPES as unknown as [ApplicantType, ...ApplicantType[]], {
    message: '请选择申请人类型',
  }),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过40个字'),
  organisation: text(100, '单位名称').default(''),
  idType: z.enum(Object.keys(IDENTITY_DOCUMENT_TYPES) as [string, ...string[]], { message: '请选择证件类型' }),
  idNumber: z.string().trim().min(1, '请填写证件号码').max(40, '证件号码过长'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+()\s-]{5,20}$/, '联系电话应为5至20位数字'),
  email: z
    .string()
    .trim()
    .max(100)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确')
    .default(''),
  address: text(200, '通信地址').default(''),
  postcode: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{6}$/.test(v), '邮政编码应为6位数字')
    .default(''),
  description: z.string().trim().min(5, '所需政府信息的名称或描述不少于5个字').max(2000, '描述不能超过2000字'),
  formWanted: z.enum(Object.keys(FORM_WANTED) as [string, ...string[]], { message: '请选择信息的提供形式' }),
  deliveryWanted: z.enum(Object.keys(DELIVERY_WANTED) as [string, ...string[]], { message: '请选择获取信息的方式' }),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '表单已失效，请刷新页面后重新提交'),
};

export const onlineApplicationInput = z.object(applicationFields);
export type OnlineApplicationInput = z.infer<typeof onlineApplicationInput>;

const date = (label: string) => z.string().trim().refine(isIsoDate, `${label}不是有效日期（格式：2026-03-05）`);

/** Staff registration of a paper, fax, post or in-person application, with the facts 第三十一条 needs. */
export const registeredApplicationInput = z.object({
  ...applicationFields,
  channel: z.enum(CHANNELS, { message: '请选择申请渠道' }),
  arrivedOn: date('到达日期'),
  signedOn: z.union([z.literal(''), date('签收日期')]).default(''),
  confirmedOn: z.union([z.literal(''), date('确认日期')]).default(''),
});
export type RegisteredApplicationInput = z.infer<typeof registeredApplicationInput>;

export interface CaseReceipt {
  caseId: string;
  trackingCode: string;
  /** Shown once (on the 回执 right after submission); null when the submission was a replay. */
  secret: string | null;
  receivedOn: string;
  dueOn: string | null;
  agencyName: string;
  created: boolean;
  warnings: string[];
}

/** Identity checked beside the field (居民身份证 and 统一社会信用代码 checksums): errors keyed by field. */
function checkedApplicant(input: OnlineApplicationInput, day: string): ApplicantData {
  const errors: FieldErrors = {};
  const id = checkIdentity({ idType: input.idType, idNumber: input.idNumber, applicantType: input.applicantType }, day);
  if (!id.ok) Object.assign(errors, id.errors);
  if (input.applicantType !== 'natural' && input.organisation === '')
    errors['organisation'] = '法人或其他组织请填写单位名称';
  if (input.deliveryWanted === 'post' && input.address === '') errors['address'] = '选择邮寄的，请填写通信地址';
  if (input.deliveryWanted === 'email' && input.email === '') errors['email'] = '选择电子邮件的，请填写电子邮箱';
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', undefined, errors);
  return {
    name: input.name,
    organisation: input.applicantType === 'natural' ? '' : input.organisation,
    idType: input.idType,
    idNumber: id.ok ? id.number : input.idNumber,
    phone: input.phone,
    email: input.email,
    address: input.address,
    postcode: input.postcode,
  };
}

export interface NewCaseFile {
  sha256: string;
  filename: string;
}

/**
 * Creates a case once per idempotency key (a replayed or double-clicked form finds the first one): the sealed
 * applicant, the `received` event with the receipt date of its channel (第三十一条) and its basis, the files, the
 * audit entry. Used by the online form and by staff registration.
 */
async function createCase(
  ctx: UseCaseContext,
  input: OnlineApplicationInput,
  channel: Channel,
  receivedOn: string,
  warnings: string[],
  files: readonly NewCaseFile[],
): Promise<CaseReceipt> {
  const keys = requireDataKeys(ctx);
  const day = today(ctx);
  const applicant = checkedApplicant(input, day);
  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency) throw new AppError('VALIDATION', undefined, { agencyId: '所选机关不存在' });
  const calendar = await calendarForAgency(ctx.db, agency.path);
  const received: CaseEvent = { type: 'received', date: receivedOn, channel, applicantType: input.applicantType };
  const replayed = replay([received], calendar, { today: day, asOf: day });
  if (!replayed.ok) throw new AppError('VALIDATION', replayed.refusal.message, { arrivedOn: replayed.refusal.message });
  const secret = newCaseSecret();
  const id = newId();
  const at = nowIso(ctx);
  const row: CaseRow = {
    id,
    agency_id: agency.id,
    tracking_code: newTrackingCode(day),
    secret_hash: hashSecret(normaliseSecret(secret)),
    idempotency_key: input.idempotencyKey,
    applicant_type: input.applicantType,
    ...sealApplicant(keys, applicant),
    id_type: applicant.idType,
    channel,
    description: input.description,
    request_norm: normaliseRequest(input.description),
    form_wanted: input.formWanted,
    delivery_wanted: input.deliveryWanted,
    received_on: receivedOn,
    ...cacheOf(replayed.snapshot),
    assignee_id: null,
    approval_json: null,
    event_count: 1 + files.length,
    is_demo: 0,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await insertCaseOnce(trx, row);
    if (stored.created) {
      const label = ctx.actor ? ctx.actor.displayName : '申请人（网上申请）';
      await appendCaseEvents(trx, [
        eventRow(ctx, id, 1, { kind: 'state', event: received }, label),
        ...files.map((f, i) =>
          eventRow(
            ctx,
            id,
            i + 2,
            { kind: 'file', body: '申请材料', fromApplicant: true, blobSha256: f.sha256, filename: f.filename },
            label,
          ),
        ),
      ]);
      // Personal data stays sealed in the case; the audit entry records only what was received.
      await recordAudit(trx, ctx, {
        action: 'case.create',
        entity: 'case',
        entityId: id,
        actorLabel: ctx.actor ? undefined : '公众（网上申请）',
        after: {
          agency_id: agency.id,
          channel,
          received_on: receivedOn,
          tracking_code: row.tracking_code,
          files: files.length,
        },
      });
    }
    const r = stored.row;
    return {
      caseId: r.id,
      trackingCode: r.tracking_code,
      secret: stored.created ? secret : null,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      agencyName: agency.name,
      created: stored.created,
      warnings,
    };
  });
}

/** 网络申请 through the portal: received the day it arrives, the 回执 being the platform's confirmation (第三十一条第三项). */
export function submitOnlineApplication(
  ctx: UseCaseContext,
  input: OnlineApplicationInput,
  files: readonly NewCaseFile[] = [],
): Promise<CaseReceipt> {
  return createCase(ctx, input, 'online', today(ctx), [], files);
}

/** Staff register an application that came in person, by post, ordinary letter, fax or another online channel. */
export async function registerApplication(
  ctx: UseCaseContext,
  input: RegisteredApplicationInput,
  files: readonly NewCaseFile[] = [],
): Promise<CaseReceipt> {
  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency || !can(ctx.actor, 'case.handle', { agencyId: agency.id, agencyPath: agency.path }))
    throw new AppError('FORBIDDEN', '只能登记本机关收到的申请');
  const r = receiptDate(input.channel, {
    arrivedOn: input.arrivedOn,
    signedOn: input.signedOn || undefined,
    confirmedOn: input.confirmedOn || undefined,
  });
  if (!r.ok) throw new AppError('VALIDATION', undefined, { [r.field]: r.message });
  return createCase(ctx, input, input.channel, r.receivedOn, r.warnings, files);
}
