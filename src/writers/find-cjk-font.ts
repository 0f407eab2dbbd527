/**
 * Finds the Chinese fonts the PDF writer embeds. PDFs must render on machines without Chinese fonts, so the
 * writer embeds (a subset of) a real CJK font instead of naming one; this looks for it on the local disk.
 *
 * Order: the environment variable GONGKAI_CJK_FONT (a font file; for a collection `.ttc` append `#PostScriptName`,
 * e.g. `/opt/fonts/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`), then the paths where Debian/Ubuntu
 * (fonts-noto-cjk), Fedora/Arch and Alpine put Noto CJK. Body text uses the serif face (宋体-like, as official
 * documents do); the title and headings use the bold sans face (黑体-like) when it exists.
 */
import { existsSync } from 'node:fs';

export interface FontFace {
  path: string;
  /** PostScript name of the face inside a collection (.ttc); undefined for a single-face file. */
  postscriptName?: string;
}

export interface CjkFonts {
  regular: FontFace;
  bold: FontFace;
}

export const CJK_FONT_ENV = 'GONGKAI_CJK_FONT';

const DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/noto',
];

const REGULAR: FontFace[] = [
  ...DIRS.map((dir) => ({ path: `${dir}/NotoSerifCJK-Regular.ttc`, postscriptName: 'NotoSerifCJKsc-Regular' })),
  ...DIRS.map((dir) => ({ path: `${dir}/NotoSansCJK-Regular.ttc`, postscriptName: 'NotoSansCJKsc-Regular' })),
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJKsc-Regular.otf' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
];

/** 小标宋-like: the bold serif face, for the titles of 公文 (notices, memos). */
const SERIF_BOLD: FontFace[] = [
  ...DIRS.map((dir) => ({ path: `${dir}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' })),
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJKsc-Bold.otf' },
];

const BOLD: FontFace[] = [
  ...DIRS.map((dir) => ({ path: `${dir}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' })),
  ...DIRS.map((dir) => ({ path: `${dir}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' })),
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf' },
];

/** `path#Name` → face; a collection without a name cannot be opened, so that is an error people can fix. */
function parseEnvFont(value: string, exists: (path: string) => boolean): FontFace {
  const hash = value.lastIndexOf('#');
  const face: FontFace =
    hash > 0 ? { path: value.slice(0, hash), postscriptName: value.slice(hash + 1) } : { path: value };
  if (!exists(face.path)) {
    throw new Error(`环境变量 ${CJK_FONT_ENV} 指定的字体文件不存在：${face.path}`);
  }
  if (/\.(ttc|otc)$/i.test(face.path) && !face.postscriptName) {
    throw new Error(
      `环境变量 ${CJK_FONT_ENV} 指定的是字体集合（${face.path}），请在路径后加“#字体PostScript名”，例如 #NotoSerifCJKsc-Regular`,
    );
  }
  return face;
}

export function findCjkFont(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): CjkFonts {
  const fromEnv = env[CJK_FONT_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const face = parseEnvFont(fromEnv.trim(), exists);
    // One font chosen by the operator is used throughout: mixing it with a different bold face would look odd.
    return { regular: face, bold: face };
  }
  const regular = REGULAR.find((f) => exists(f.path));
  if (!regular) {
    throw new Error(
      `找不到可嵌入 PDF 的中文字体：请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk），` +
        `或用环境变量 ${CJK_FONT_ENV} 指定字体文件`,
    );
  }
  return { regular, bold: BOLD.find((f) => exists(f.path)) ?? regular };
}

/**
 * The face for a 公文 title (GB/T 9704 sets it in 小标宋): Noto Serif CJK Bold when installed, else the bold face
 * findCjkFont chose (with GONGKAI_CJK_FONT, the operator's one font).
 */
export function findCjkTitleFont(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): FontFace {
  const fonts = findCjkFont(env, exists);
  if (env[CJK_FONT_ENV]?.trim()) return fonts.bold;
  return SERIF_BOLD.find((f) => exists(f.path)) ?? fonts.bold;
}
