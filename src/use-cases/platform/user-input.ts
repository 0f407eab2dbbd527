import { z } from 'zod';
import { allRoles } from '../../core/platform/roles.ts';

/** Optional: '' clears it. Reminders of the person's cases and reports go to it (docs/notifications.md). */
const email = z
  .string()
  .trim()
  .max(254, '电子邮件地址过长')
  .refine((v) => v === '' || z.email().safeParse(v).success, '电子邮件地址格式不正确');

const roles = z.array(z.enum(allRoles, { message: '角色无效' }), { message: '请选择角色' });

export const createUserInput = z.object({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, '登录名须为3至32位小写字母、数字或 . _ -，以字母开头'),
  displayName: z.string().trim().min(2, '请填写姓名').max(40, '姓名过长'),
  email: email.default(''),
  agencyId: z.string().min(1, '请选择所属机构'),
  roles,
});

export const updateUserInput = z.object({
  displayName: z.string().trim().min(2, '请填写姓名').max(40, '姓名过长'),
  /** Absent (an API client that does not send it): unchanged. */
  email: email.optional(),
  agencyId: z.string().min(1, '请选择所属机构'),
  roles,
  // Typed, never coerced (z.coerce.boolean() made "false" true); forms convert their text at the edge.
  disabled: z.boolean().default(false),
  version: z.number().int().positive('缺少版本号').max(2_147_483_647, '版本号无效'),
});

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
