import { z } from 'zod';
import type { DeliverySettings } from '../delivery/delivery-channels.ts';

/**
 * The whole configuration, from the environment, validated once at start. Each problem is reported in
 * Chinese with the variable's name; the process exits non-zero rather than run half-configured.
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolSize: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Whether demo data may be loaded (on an empty database) and served — see `demoAllowed`. */
  demo: boolean;
  /** The production signals that turned the demo off (variable names), empty when none did. */
  demoBlockedBy: string[];
  logLevel: LogLevel;
  cookieSecure: boolean;
  trustProxy: boolean;
  rateLimitLoginPerMinute: number;
  rateLimitPublicPerMinute: number;
  shutdownTimeoutSeconds: number;
  /** Background jobs this app server runs at once; 0 = none (another server does the work). */
  jobConcurrency: number;
  /** Audit keys (never in the database): the value, or a file of them; see load-audit-keyring.ts. */
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  /** Data key for applicants' personal data (never in the database): see src/security/load-data-keyring.ts. */
  dataKey: string | undefined;
  dataKeyFile: string | undefined;
  /** E-mail (SMTP) and SMS channels of notifications (docs/notifications.md). */
  delivery: DeliverySettings;
  /** The portal's public origin (`https://www.binhu.gov.cn`): share links, QR codes, feeds, sitemap (issue 8). */
  publicUrl: string;
  /** Test setting: webhook URLs may point at loopback/private addresses (core/publication/webhook-url.ts). */
  webhookAllowPrivate: boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const flag = (name: string) =>
  z.enum(['0', '1', 'true', 'false'], { message: `${name} 只能为 0 或 1` }).transform((v) => v === '1' || v === 'true');

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} 应为整数`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} 应在 ${min} 到 ${max} 之间`);

const positive = (name: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${name} 应为正数`)
    .transform(Number)
    .refine((n) => n > 0, `${name} 应大于 0`);

const variables = {
  PORT: { schema: int('PORT', 0, 65535), default: '3000' },
  HOST: { schema: z.string().min(1, 'HOST 不能为空'), default: '127.0.0.1' },
  DATABASE_URL: {
    schema: z
      .string()
      .min(1, 'DATABASE_URL 不能为空')
      .refine(
        (v) => /^postgres(ql)?:\/\/.+/.test(v) || /^(sqlite:|file:)?[^:]+$/.test(v) || v === ':memory:',
        'DATABASE_URL 应为 postgres://用户@主机:端口/库名，或 SQLite 文件路径（如 sqlite:./data/gongkai.db）',
      ),
    default: 'sqlite:./data/gongkai.db',
  },
  DB_POOL_SIZE: { schema: int('DB_POOL_SIZE', 1, 200), default: '10' },
  SESSION_IDLE_MINUTES: { schema: positive('SESSION_IDLE_MINUTES'), default: '30' },
  SESSION_MAX_HOURS: { schema: positive('SESSION_MAX_HOURS'), default: '12' },
  GONGKAI_DEMO: {
    schema: z.enum(['0', '1', 'true', 'false', 'auto'], { message: 'GONGKAI_DEMO 只能为 0 或 1（不设置则自动判断）' }),
    default: 'auto',
  },
  GONGKAI_ADMIN_PASSWORD: {
    schema: z
      .undefined({
        message:
          'GONGKAI_ADMIN_PASSWORD 已停用：管理员不再由他人设置密码，首次启动时控制台打印一次性激活码，请删除该变量',
      })
      .optional(),
    default: undefined,
  },
  LOG_LEVEL: {
    schema: z.enum(['debug', 'info', 'warn', 'error'], { message: 'LOG_LEVEL 只能为 debug、info、warn、error 之一' }),
    default: 'info',
  },
  COOKIE_SECURE: { schema: flag('COOKIE_SECURE'), default: '0' },
  TRUST_PROXY: { schema: flag('TRUST_PROXY'), default: '0' },
  RATE_LIMIT_LOGIN_PER_MINUTE: { schema: int('RATE_LIMIT_LOGIN_PER_MINUTE', 1, 100000), default: '10' },
  RATE_LIMIT_PUBLIC_PER_MINUTE: { schema: int('RATE_LIMIT_PUBLIC_PER_MINUTE', 1, 1000000), default: '20' },
  SHUTDOWN_TIMEOUT_SECONDS: { schema: int('SHUTDOWN_TIMEOUT_SECONDS', 1, 600), default: '10' },
  JOB_CONCURRENCY: { schema: int('JOB_CONCURRENCY', 0, 64), default: '2' },
  PUBLIC_URL: {
    schema: z.string().regex(/^(https?:\/\/[A-Za-z0-9.-]+(:\d+)?)?$/, 'PUBLIC_URL 应为 https://域名（不带路径）'),
    default: '',
  },
  GONGKAI_WEBHOOK_ALLOW_PRIVATE: { schema: flag('GONGKAI_WEBHOOK_ALLOW_PRIVATE'), default: '0' },
  GONGKAI_AUDIT_KEY: { schema: z.string().optional(), default: undefined },
  GONGKAI_AUDIT_KEY_FILE: { schema: z.string().optional(), default: undefined },
  GONGKAI_DATA_KEY: { schema: z.string().optional(), default: undefined },
  GONGKAI_DATA_KEY_FILE: { schema: z.string().optional(), default: undefined },
  // Notifications (docs/notifications.md): SMTP by URL or by parts; MAIL_FROM is required with either.
  SMTP_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL 应为 smtp://用户:密码@主机:端口 或 smtps://…')
      .optional(),
    default: undefined,
  },
  SMTP_HOST: { schema: z.string().optional(), default: undefined },
  SMTP_PORT: { schema: int('SMTP_PORT', 1, 65535), default: '587' },
  SMTP_SECURE: { schema: flag('SMTP_SECURE'), default: '0' },
  SMTP_USER: { schema: z.string().optional(), default: undefined },
  SMTP_PASS: { schema: z.string().optional(), default: undefined },
  MAIL_FROM: { schema: z.string().max(200, 'MAIL_FROM 过长').optional(), default: undefined },
  SMS_CHANNEL: {
    schema: z.enum(['none', 'log'], { message: 'SMS_CHANNEL 只能为 none 或 log（尚未接入短信服务商）' }),
    default: 'none',
  },
  PUBLIC_BASE_URL: {
    schema: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'PUBLIC_BASE_URL 应为 https://主机名（本站对外地址，用于邮件中的链接）')
      .optional(),
    default: undefined,
  },
} as const;

type Parsed = { [K in keyof typeof variables]: z.output<(typeof variables)[K]['schema']> };

/**
 * The demo (a district whose passwords are printed in the README) runs only where it cannot be production by
 * accident: on the default SQLite file, listening on this machine only, with no HTTPS or proxy settings — unless
 * GONGKAI_DEMO=1 asks for it explicitly. GONGKAI_DEMO=0 never loads it.
 */
export function demoAllowed(
  setting: string,
  env: Record<string, string | undefined>,
  host: string,
): { demo: boolean; demoBlockedBy: string[] } {
  if (setting === '1' || setting === 'true') return { demo: true, demoBlockedBy: [] };
  if (setting === '0' || setting === 'false') return { demo: false, demoBlockedBy: [] };
  const blockedBy = ['DATABASE_URL', 'COOKIE_SECURE', 'TRUST_PROXY'].filter((name) => (env[name] ?? '') !== '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) blockedBy.push('HOST');
  return { demo: blockedBy.length === 0, demoBlockedBy: blockedBy };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(variables)) {
    const raw = env[name] === undefined || env[name] === '' ? v.default : env[name];
    const r = (v.schema as z.ZodType).safeParse(raw);
    if (r.success) values[name] = r.data;
    else {
      // Secrets are never echoed back into logs.
      const shown = /PASSWORD|SECRET|KEY|PASS|SMTP_URL/.test(name) ? '（取值未显示）' : `（当前值“${raw ?? ''}”）`;
      problems.push(`环境变量 ${name}：${r.error.issues[0]?.message ?? '取值无效'}${shown}`);
    }
  }
  const p = values as Parsed;
  // A generated key would differ on every app server; production (PostgreSQL) must be given one.
  if (
    problems.length === 0 &&
    /^postgres(ql)?:\/\//.test(p.DATABASE_URL) &&
    !p.GONGKAI_AUDIT_KEY &&
    !p.GONGKAI_AUDIT_KEY_FILE
  ) {
    problems.push(
      '环境变量 GONGKAI_AUDIT_KEY_FILE：使用 PostgreSQL 时必须配置审计密钥（GONGKAI_AUDIT_KEY_FILE 或 GONGKAI_AUDIT_KEY），' +
        '密钥不得存放在数据库中；生成：npx gongkai audit keygen /etc/gongkai/audit.key',
    );
  }
  if (problems.length === 0 && (p.SMTP_URL || p.SMTP_HOST) && !p.MAIL_FROM) {
    problems.push(
      '环境变量 MAIL_FROM：配置了 SMTP 时必须填写发件人地址，如 "滨湖区政府信息公开 <gongkai@example.gov.cn>"',
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      port: p.PORT,
      host: p.HOST,
      databaseUrl: p.DATABASE_URL,
      dbPoolSize: p.DB_POOL_SIZE,
      sessionIdleMinutes: p.SESSION_IDLE_MINUTES,
      sessionMaxHours: p.SESSION_MAX_HOURS,
      ...demoAllowed(p.GONGKAI_DEMO, env, p.HOST),
      logLevel: p.LOG_LEVEL,
      cookieSecure: p.COOKIE_SECURE,
      trustProxy: p.TRUST_PROXY,
      rateLimitLoginPerMinute: p.RATE_LIMIT_LOGIN_PER_MINUTE,
      rateLimitPublicPerMinute: p.RATE_LIMIT_PUBLIC_PER_MINUTE,
      shutdownTimeoutSeconds: p.SHUTDOWN_TIMEOUT_SECONDS,
      jobConcurrency: p.JOB_CONCURRENCY,
      auditKey: p.GONGKAI_AUDIT_KEY,
      auditKeyFile: p.GONGKAI_AUDIT_KEY_FILE,
      dataKey: p.GONGKAI_DATA_KEY,
      dataKeyFile: p.GONGKAI_DATA_KEY_FILE,
      delivery: {
        smtp:
          p.SMTP_URL || p.SMTP_HOST
            ? {
                url: p.SMTP_URL,
                host: p.SMTP_HOST,
                port: p.SMTP_PORT,
                secure: p.SMTP_SECURE,
                user: p.SMTP_USER,
                pass: p.SMTP_PASS,
                from: p.MAIL_FROM ?? '',
              }
            : undefined,
        sms: p.SMS_CHANNEL,
        linkBase: p.PUBLIC_BASE_URL?.replace(/\/$/, ''),
      },
      publicUrl: p.PUBLIC_URL || `http://localhost:${p.PORT}`,
      webhookAllowPrivate: p.GONGKAI_WEBHOOK_ALLOW_PRIVATE,
    },
  };
}
