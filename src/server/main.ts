import { serve } from '@hono/node-server';
import { openDatabase } from '../db/open-database.ts';
import { roleLabels, type Role } from '../core/platform/roles.ts';
import { loadAuditKeyring } from '../use-cases/platform/load-audit-keyring.ts';
import { loadDataKeyring } from '../security/load-data-keyring.ts';
import { DemoRefused, prepareDatabase } from '../use-cases/platform/prepare-database.ts';
import type { InitialAccount } from '../use-cases/platform/ensure-initial-admin.ts';
import { backgroundWork } from '../jobs/background-work.ts';
import { deliveryChannelsFor } from '../delivery/delivery-channels.ts';
import { postToPublicHost } from '../delivery/post-to-public-host.ts';
import { startJobRunner, type JobRunner } from '../jobs/start-job-runner.ts';
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { gracefulCloser } from './graceful-close.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/**
 * `npm start`: validate the configuration, open the database, migrate, seed on first start, serve; on
 * SIGTERM/SIGINT stop accepting, let in-flight requests finish, close the database, exit.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`配置有误，无法启动：\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(78);
  }
  const config = loaded.config;
  const keys = loadAuditKeyring(
    { key: config.auditKey, keyFile: config.auditKeyFile, databaseUrl: config.databaseUrl },
    { create: true },
  );
  if (!keys.ok) {
    process.stderr.write(`配置有误，无法启动：\n  - ${keys.problem}\n`);
    process.exit(78);
  }
  for (const notice of keys.notices) process.stdout.write(`${notice}\n`);
  const auditKeys = keys.keyring;
  // Applicants' personal data (issue 7): sealed with a key kept outside the database, like the audit key.
  const dataKeyring = loadDataKeyring(
    { key: config.dataKey, keyFile: config.dataKeyFile, databaseUrl: config.databaseUrl },
    { create: true },
  );
  if (dataKeyring.ok) for (const notice of dataKeyring.notices) process.stdout.write(`${notice}\n`);
  else process.stdout.write(`${dataKeyring.problem}（在配置前不受理依申请公开）\n`);
  const dataKeys = dataKeyring.ok ? dataKeyring.keyring : undefined;
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.databaseUrl, { poolSize: config.dbPoolSize });
  const clock = () => new Date();

  let prepared;
  try {
    prepared = await prepareDatabase(database, clock, { demo: config.demo, auditKeys, dataKeys });
  } catch (e) {
    process.stderr.write(
      `数据库初始化失败（${database.description}）：${e instanceof Error ? e.message : String(e)}\n`,
    );
    await database.close().catch(() => {});
    process.exit(e instanceof DemoRefused ? 78 : 1);
  }
  if (prepared.migrations.length > 0) logger.info('migrations applied', { migrations: prepared.migrations });
  if (prepared.kind === 'demo') printDemo(prepared.seed);
  if (prepared.kind === 'empty' && config.demoBlockedBy.length > 0) {
    process.stdout.write(`\n检测到生产配置（${config.demoBlockedBy.join('、')}），未载入演示数据。\n`);
  }
  if (prepared.kind !== 'demo' && prepared.accounts.length > 0) printActivationCodes(prepared.accounts);

  const app = createApp({ database, config, logger, clock, auditKeys, dataKeys, demoData: prepared.demoLoaded });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', {
      url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`,
      db: database.description,
      startupMs: Math.round(performance.now() - started),
    });
    process.stdout.write(
      `Gongkai 已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/\n`,
    );
  });

  // Background work (src/jobs): every app server runs a share of it unless JOB_CONCURRENCY=0.
  let jobs: JobRunner | undefined;
  if (config.jobConcurrency > 0) {
    jobs = await startJobRunner({
      database,
      ...backgroundWork({
        db: database.db,
        clock,
        logger,
        auditKeys,
        delivery: deliveryChannelsFor(config.delivery, logger),
        webhookPost: (url, request) => postToPublicHost(url, { ...request, allowPrivate: config.webhookAllowPrivate }),
      }),
      logger,
      concurrency: config.jobConcurrency,
    });
  }

  const closer = gracefulCloser(server as Server);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    logger.flush();
    const force = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      closer.closeAll();
    }, config.shutdownTimeoutSeconds * 1000);
    force.unref();
    // Stop accepting; resolves once every in-flight request has been answered and its connection closed.
    void closer.close().then(async () => {
      await jobs?.stop().catch((e: unknown) => logger.error('job runner stop failed', { error: String(e) }));
      await database.close().catch((e: unknown) => logger.error('db close failed', { error: String(e) }));
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function printDemo(seed: {
  logins: { login: string; displayName: string; roles: string[]; agency: string }[];
  password: string;
}) {
  const lines = seed.logins.map(
    (l) =>
      `  ${l.login.padEnd(20)} ${l.displayName.padEnd(5, '　')} ${l.roles
        .map((r) => roleLabels[r as Role] ?? r)
        .join('、')
        .padEnd(8, '　')} ${l.agency}`,
  );
  process.stdout.write(
    `\n已载入演示数据（无锡市滨湖区）。演示账号共用密码：${seed.password}\n${lines.join('\n')}\n` +
      '演示的三员账号（admin、security、auditor）首次登录须修改密码。演示数据仅供体验，勿用于生产；\n' +
      '生产部署见 README「生产部署」（设置 DATABASE_URL、COOKIE_SECURE 或 TRUST_PROXY 时不会载入演示数据）。\n\n',
  );
}

/**
 * The first administrators' one-time activation codes — on the console only, never in a log file or page:
 * whoever reads this console runs the server. Each holder sets their own password at /staff/activate.
 */
function printActivationCodes(accounts: InitialAccount[]) {
  const lines = accounts.map(
    (a) => `  ${a.login.padEnd(10)} ${roleLabels[a.role].padEnd(6, '　')} 第一段 ${a.codePart1}  第二段 ${a.codePart2}`,
  );
  const until = accounts[0]
    ? new Date(accounts[0].expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    : '';
  process.stdout.write(
    `\n三员账号尚未激活。一次性激活码（仅在此显示，${until}（北京时间）前有效，过期后重启服务会重新签发）：\n` +
      `${lines.join('\n')}\n` +
      '请将每个账号的激活码当面交给担任该角色的人员，由本人在 /staff/activate 输入登录名和两段激活码并设置密码。\n\n',
  );
}

await main();
