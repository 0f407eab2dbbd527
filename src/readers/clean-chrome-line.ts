/**
 * Site chrome that government article pages put around a report: print/close buttons, font-size widgets,
 * share bars, view counters, breadcrumbs, previous/next links, footer registration numbers. Such lines would
 * confuse the interpreter (a breadcrumb or a "下一篇：2024年…年度报告" link looks like a title), so the HTML
 * reader drops them. A metadata line like "来源：某街道 发布时间：2026-01-20 14:26 【字体：大 中 小】 浏览次数：35"
 * is kept, minus the widgets, because the interpreter takes the publication time from it.
 */

/** Widgets removed wherever they appear in a line. */
const FRAGMENTS: RegExp[] = [
  // 【字体：大 中 小】, [字号: 大 中 小], 字体：【大】【中】【小】
  /[【[（(]?\s*字\s*[体號号]\s*[:：]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小\s*[】\]]?\s*[】\]）)]?/g,
  /[【[]\s*大\s*中\s*小\s*[】\]]/g,
  /(?:浏览|访问|阅读|点击)(?:次数|量|数)\s*[:：]?\s*\d*\s*次?/g,
  /扫一扫在手机(?:上)?打开当前页(?:面)?/g,
  /分享到\s*[:：]?/g,
  /[【[](?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|我要纠错|纠错|收藏|返回顶部|保存|加入收藏)[】\]]/g,
];

/** A line made only of these words (after the widgets are removed) is chrome. */
const CHROME_WORD =
  /^(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|我要纠错|纠错|收藏|加入收藏|返回|返回顶部|顶部|分享|保存|字体|字号|大|中|小|默认|微信|微博|QQ空间|复制链接|[|｜/·•:：\-—_])$/;

/** Whole lines that are navigation or footer, recognised by how they start or by registration numbers. */
const CHROME_LINE: RegExp[] = [
  /^(?:当前位置|您(?:当前)?的?位置|您现在的位置|你(?:当前)?的位置|当前所在位置)\s*[:：]?/,
  /^(?:网站)?首页(?:\s*[>›»/|｜]|\s|$)/,
  /^(?:上一篇|下一篇|上一条|下一条)\s*[:：]?/,
  /ICP备|公网安备|网站标识码|版权所有|Copyright|©/i,
  /^(?:主办|主办单位|承办|承办单位|技术支持|网站维护|联系我们|联系电话|地址)\s*[:：]/,
  /^(?:相关链接|相关文章|相关阅读|相关信息|友情链接)\s*[:：]?$/,
];

/** Button words that are chrome even beside real content, when they stand alone between blanks. */
const BUTTON_WORD =
  /^[【[]?(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|我要纠错|纠错|收藏|加入收藏|返回顶部|分享|保存)[】\]]?$/;

export function cleanChromeLine(line: string): string | null {
  for (const pattern of CHROME_LINE) if (pattern.test(line)) return null;
  let text = line;
  for (const pattern of FRAGMENTS) text = text.replace(pattern, ' ');
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words.every((word) => CHROME_WORD.test(word))) return null;
  // A metadata line that carried widgets may keep single-character leftovers (大 中 小); otherwise only
  // unmistakable button words are removed.
  const kept = words.filter((word) => !(text !== line ? CHROME_WORD : BUTTON_WORD).test(word));
  if (text === line && kept.length === words.length) return line;
  return kept.join(' ');
}
