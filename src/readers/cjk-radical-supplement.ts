/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph each one stands for. Fonts map a glyph shared by a
 * radical form and an ideograph to the radical, so a PDF printed from 人民政府 can carry 人⺠政府 in its text layer
 * (Chromium with Noto CJK does). NFKC maps the Kangxi radicals (U+2F00–U+2FD5) but only two of the supplement.
 *
 * Source: the Unicode Character Database, EquivalentUnifiedIdeograph.txt (property Equivalent_Unified_Ideograph),
 * Unicode 14.0 — every entry of U+2E80–U+2EFF (114 of them), read with Perl’s Unicode::UCD `charprop`. For the Kangxi
 * radicals the same file agrees with NFKC on all 214.
 */
const PAIRS =
  '⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小' +
  '⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌' +
  '⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫' +
  '⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓' +
  '⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑' +
  '⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝' +
  '⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏' +
  '⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐' +
  '⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯' +
  '⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';

export const RADICAL_SUPPLEMENT: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string);
  return map;
})();
