/**
 * What one upload route accepts, stated explicitly per route (issue 6: "a separate, explicit, streamed limit for
 * the uploads"). Types are judged from the bytes, never from the file name or the browser's Content-Type.
 */
export const fileKinds = ['pdf', 'docx', 'xlsx', 'html', 'text', 'png', 'jpeg', 'gif', 'webp', 'tiff', 'zip'] as const;
export type FileKind = (typeof fileKinds)[number];

export const fileKindLabels: Readonly<Record<FileKind, string>> = {
  pdf: 'PDF 文档',
  docx: 'Word 文档（.docx）',
  xlsx: 'Excel 表格（.xlsx）',
  html: '网页文件',
  text: '文本文件',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
  tiff: 'TIFF 图片',
  zip: 'ZIP 压缩包',
};

export const fileKindMediaTypes: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
  text: 'text/plain',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  zip: 'application/zip',
};

export interface FileFieldRule {
  /** How the field is called in messages (「申请材料」). */
  label: string;
  maxFiles: number;
  maxFileBytes: number;
  /** The allow-list, checked against the sniffed kind. */
  kinds: readonly FileKind[];
}

export interface UploadPolicy {
  /** File fields by form field name; a file in any other field is refused. */
  files: Readonly<Record<string, FileFieldRule>>;
  /** All files of one request together. */
  maxTotalFileBytes: number;
  /** Ordinary text fields of the same form. */
  maxFields: number;
  maxFieldBytes: number;
}

/** The most a whole request body of this policy can be: files, text fields and multipart framing. */
export function maxRequestBytes(policy: UploadPolicy): number {
  const files = Object.values(policy.files).reduce((n, r) => n + r.maxFiles, 0);
  return policy.maxTotalFileBytes + policy.maxFields * (policy.maxFieldBytes + 512) + files * 1024 + 1024;
}
