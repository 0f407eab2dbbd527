import { z } from 'zod';
import { agencyKinds } from '../../core/platform/agency-kind.ts';

/** Contact details of the 公开指南 (条例第十二条): who to call, where to go, when. */
export const agencyGuideFields = z.object({
  address: z.string().trim().max(200, '地址过长'),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, '邮政编码应为6位数字'),
  officeHours: z.string().trim().max(200, '办公时间过长'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9()（）\-－、 ,，]*$/, '电话只能包含数字、括号、连字符和分隔符')
    .max(100),
  fax: z
    .string()
    .trim()
    .regex(/^[0-9()（）\-－、 ,，]*$/, '传真只能包含数字、括号、连字符和分隔符')
    .max(100),
  onlineChannel: z.string().trim().max(300, '网上申请渠道过长'),
  email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确')]),
});

/** The 公开指南 fields as the agencies table stores them. */
export function guideColumns(input: z.infer<typeof agencyGuideFields>) {
  return {
    address: input.address,
    postcode: input.postcode,
    office_hours: input.officeHours,
    phone: input.phone,
    fax: input.fax,
    online_channel: input.onlineChannel,
    email: input.email,
  };
}

export const agencyStructureFields = z.object({
  name: z.string().trim().min(2, '请填写机构名称').max(100, '机构名称过长'),
  code: z.string().trim().toUpperCase().min(1, '请填写统一社会信用代码或组织机构代码'),
  kind: z.enum(agencyKinds, { message: '请选择机构类别' }),
  reportDeadline: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '年报发布期限格式应为“月-日”，如 01-31'),
  sortOrder: z.number().int('排序须为整数').min(0, '排序不能为负数').max(9999, '排序不能大于9999').default(0),
});

export const createAgencyInput = agencyStructureFields.extend(agencyGuideFields.shape).extend({
  parentId: z.string().min(1, '请选择上级机构'),
});

export const updateAgencyInput = agencyStructureFields
  .extend(agencyGuideFields.shape)
  .extend({ version: z.number().int().positive('缺少版本号').max(2_147_483_647, '版本号无效') });

export const updateAgencyGuideInput = agencyGuideFields.extend({
  version: z.number().int().positive('缺少版本号').max(2_147_483_647, '版本号无效'),
});

export type CreateAgencyInput = z.infer<typeof createAgencyInput>;
export type UpdateAgencyInput = z.infer<typeof updateAgencyInput>;
