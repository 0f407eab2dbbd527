import { serve } from '@hono/node-server';
import { openDatabase } from '../db/open-database.ts';
import { DatabaseBlobStore } from '../db/repositories/files/database-blob-store.ts';
import { roleLabels, type Role } from '../core/platform/roles.ts';
import { prepareDatabase } from '../use-cases/platform/prepare-database.ts';
import { sweepExpiredSessions } from '../use-cases/platform/sweep-expired-sessions.ts';
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
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.databaseUrl, { poolSize: config.dbPoolSize });
  const clock = () => new Date();

  let prepared;
  try {
    prepared = await prepareDatabase(database, clock, { demo: config.demo, adminPassword: config.adminPassword });
  } catch (e) {
    process.stderr.write(
      `数据库初始化失败（${database.description}）：${e instanceof Error ? e.message : String(e)}\n`,
    );
    await database.close().catch(() => {});
    process.exit(1);
  }
  if (prepared.migrations.length > 0) logger.info('migrations applied', { migrations: prepared.migrations });
  if (prepared.kind === 'demo') printDemo(prepared.seed);
  if (prepared.kind === 'empty') {
    const lines = prepared.accounts.map(
      (a) =>
        `  ${a.login.padEnd(10)} ${roleLabels[a.role]}  ` +
        (a.generatedPassword ? `一次性初始密码：${a.generatedPassword}` : '初始密码为 GONGKAI_ADMIN_PASSWORD 的值'),
    );
    process.stdout.write(
      `\n空库启动：已创建本级机关和三员账号（首次登录后须修改密码；一次性密码仅显示这一次）：\n${lines.join('\n')}\n\n`,
    );
  }

  const app = createApp({ database, config, logger, clock });
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

  const sweep = setInterval(() => {
    sweepExpiredSessions(database.db, clock)
      .then((n) => n > 0 && logger.info('expired sessions removed', { count: n }))
      .catch((e: unknown) => logger.warn('session sweep failed', { error: String(e) }));
    // Chunks of uploads that a crashed server never committed nor aborted (a day is longer than any upload).
    new DatabaseBlobStore(database.db)
      .sweepAbandoned(new Date(clock().getTime() - 24 * 3600_000))
      .then((n) => n > 0 && logger.info('abandoned upload chunks removed', { count: n }))
      .catch((e: unknown) => logger.warn('upload sweep failed', { error: String(e) }));
  }, 10 * 60_000);
  sweep.unref();

  const closer = gracefulCloser(server as Server);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    logger.info('shutting down', { signal });
    logger.flush();
    const force = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      closer.closeAll();
    }, config.shutdownTimeoutSeconds * 1000);
    force.unref();
    // Stop accepting; resolves once every in-flight request has been answered and its connection closed.
    void closer.close().then(async () => {
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
      '（设置 GONGKAI_DEMO=0 可从空库启动；演示数据仅供体验，勿用于生产。）\n\n',
  );
}

await main();
