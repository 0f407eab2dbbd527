import {
  keySettingsFromEnv,
  loadKeyFile,
  sqliteKeyPath,
  type KeyKind,
  type KeySettings,
  type LoadedKeys,
} from '../../security/load-key-file.ts';
import {
  ephemeralKeyring,
  keyFileHeader,
  newAuditKeyLine,
  parseAuditKeys,
  type AuditKeyring,
} from './audit-keyring.ts';

/** GONGKAI_AUDIT_KEY ("k1:<hex>[,k2:<hex>…]", oldest first) or GONGKAI_AUDIT_KEY_FILE, else beside the SQLite file. */
export type AuditKeySettings = KeySettings;
export type LoadedKeyring = LoadedKeys<AuditKeyring>;

const auditKeyKind: KeyKind<AuditKeyring> = {
  envName: 'GONGKAI_AUDIT_KEY',
  fileSuffix: '.audit-key',
  what: '审计密钥',
  keygenCommand: 'npx gongkai audit keygen /etc/gongkai/audit.key',
  purpose: '它签名每一条审计记录，不在数据库中；丢失后已有审计记录将无法校验。',
  header: keyFileHeader,
  newLine: newAuditKeyLine,
  parse: parseAuditKeys,
  ephemeral: () => ephemeralKeyring(),
};

/** The settings from the environment, for the CLI commands (the server reads them through its config). */
export function auditKeySettingsFromEnv(
  env: Record<string, string | undefined>,
  databaseUrl: string,
): AuditKeySettings {
  return keySettingsFromEnv(auditKeyKind, env, databaseUrl);
}

/** Where the zero-setup SQLite start keeps its key: `gongkai.db.audit-key`, beside the database, never inside it. */
export function sqliteAuditKeyPath(databaseUrl: string): string | null {
  return sqliteKeyPath(auditKeyKind, databaseUrl);
}

/**
 * The keys that sign the audit trail. PostgreSQL (production) never gets a generated key: src/server/config.ts
 * refuses to start without one, because a key created on one app server would not be the key of the others.
 */
export function loadAuditKeyring(settings: AuditKeySettings, options: { create: boolean }): LoadedKeyring {
  return loadKeyFile(auditKeyKind, settings, options);
}
