import {
  dataKeyFileHeader,
  ephemeralDataKeyring,
  newDataKeyLine,
  parseDataKeys,
  type DataKeyring,
} from './field-cipher.ts';
import {
  keySettingsFromEnv,
  loadKeyFile,
  sqliteKeyPath,
  type KeyKind,
  type KeySettings,
  type LoadedKeys,
} from './load-key-file.ts';

/** GONGKAI_DATA_KEY ("k1:<hex>[,k2:<hex>…]", oldest first) or GONGKAI_DATA_KEY_FILE, else beside the SQLite file. */
export type DataKeySettings = KeySettings;
export type LoadedDataKeyring = LoadedKeys<DataKeyring>;

const dataKeyKind: KeyKind<DataKeyring> = {
  envName: 'GONGKAI_DATA_KEY',
  fileSuffix: '.data-key',
  what: '个人信息加密密钥',
  keygenCommand: 'npx gongkai data-key keygen /etc/gongkai/data.key',
  purpose: '申请人的证件号码、电话等以它加密，不在数据库中；丢失后这些信息将无法解密。',
  header: dataKeyFileHeader,
  newLine: newDataKeyLine,
  parse: parseDataKeys,
  ephemeral: () => ephemeralDataKeyring(),
};

export function dataKeySettingsFromEnv(env: Record<string, string | undefined>, databaseUrl: string): DataKeySettings {
  return keySettingsFromEnv(dataKeyKind, env, databaseUrl);
}

export function sqliteDataKeyPath(databaseUrl: string): string | null {
  return sqliteKeyPath(dataKeyKind, databaseUrl);
}

/**
 * The keys that encrypt applicants' identity and phone numbers (个人信息保护法第五十一条: encryption as a security measure). Without
 * one on PostgreSQL the server runs but refuses to store applicants' data (src/use-cases/cases/applicant-data.ts).
 */
export function loadDataKeyring(settings: DataKeySettings, options: { create: boolean }): LoadedDataKeyring {
  return loadKeyFile(dataKeyKind, settings, options);
}
