import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cellText, cutAtRules, gridRows, ruledGrids, type Glyph, type RuleSegment } from './ruled-grid.ts';
import { sectionOfHeadingText } from './find-sections.ts';

const h = (y: number, x0: number, x1: number): RuleSegment => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): RuleSegment => ({ x0: x, y0, x1: x, y1 });
const g = (text: string, x0: number, x1: number, y: number, size = 10): Glyph => ({ text, x0, x1, y, size });

/**
 * A 3×3 table drawn as a word processor does: each cell's border separately (overlapping, 0.4 pt apart), the
 * label cell of rows 2–3 merged (no rule between them), the header cell spanning both value columns.
 *
 *   y=0   +------+-----------+
 *         | 项目 |   数量    |
 *   y=20  +------+-----+-----+
 *         | 甲   |  1  |  2  |
 *   y=40  +      +-----+-----+
 *         |      |  3  |  4  |
 *   y=60  +------+-----+-----+
 *        x=0   x=50  x=80  x=110
 */
const TABLE: RuleSegment[] = [
  h(0, 0, 110),
  h(20.4, 0, 50),
  h(20, 50, 110),
  h(40, 50, 110),
  h(60, 0, 60),
  h(59.8, 60, 110),
  v(0, 0, 60),
  v(50, 0, 30),
  v(50.3, 30, 60),
  v(80, 20, 60),
  v(110, 0, 60),
];

describe('ruled grid: rules → cells', () => {
  it('snaps rules drawn per cell, joins collinear pieces and finds merged cells as spans', () => {
    const [grid] = ruledGrids(TABLE);
    assert.ok(grid);
    assert.equal(grid.xs.length, 4);
    assert.equal(grid.ys.length, 4);
    const spans = grid.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    assert.deepEqual(spans, [
      [0, 0, 1, 1],
      [0, 1, 1, 2],
      [1, 0, 2, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
      [2, 1, 1, 1],
      [2, 2, 1, 1],
    ]);
  });

  it('puts glyphs in the cell holding their centre: rows are bands, whatever the baselines', () => {
    const [grid] = ruledGrids(TABLE);
    const rows = gridRows(grid!, [
      g('项目', 5, 25, 14),
      g('数量', 70, 90, 14),
      g('甲', 5, 15, 52), // the merged label sits low, in the second band: it belongs to its cell all the same
      g('1', 55, 60, 36), // a value 6 pt lower than the label's baseline would be
      g('2', 100, 105, 30),
      g('3', 55, 60, 52),
      g('4', 100, 105, 52),
    ]);
    assert.deepEqual(
      rows.map((r) => r.cells.map((c) => c.text)),
      [
        ['项目', '数量'],
        ['甲', '1', '2'],
        ['3', '4'],
      ],
    );
  });

  it('cuts a text run that crosses a column rule, so neighbouring cells never glue', () => {
    const [grid] = ruledGrids(TABLE);
    // “甲1” drawn as one run from x=40 to x=60: the label's last character and a value left-aligned 0 pt after it.
    const glyphs = cutAtRules(grid!, g('甲1', 40, 57, 36));
    const rows = gridRows(grid!, glyphs);
    assert.deepEqual(
      rows[1]?.cells.map((c) => c.text),
      ['甲', '1', ''],
    );
  });

  it('joins a cell’s lines in reading order, spaces only between Latin words', () => {
    assert.equal(cellText([g('公开', 0, 20, 30), g('（五）不予', 0, 50, 18)]), '（五）不予公开');
    assert.equal(cellText([g('Word', 0, 20, 18), g('PDF', 0, 15, 30)]), 'Word PDF');
  });

  it('a lone frame or a one-line rule is not a table', () => {
    assert.deepEqual(ruledGrids([h(0, 0, 500), h(800, 0, 500), v(0, 0, 800), v(500, 0, 800)]), []);
    assert.deepEqual(ruledGrids([h(100, 0, 500)]), []);
  });

  it('never throws and assigns each glyph to at most one cell, for any drawing (fuzz)', () => {
    const coord = fc.double({ min: -50, max: 650, noNaN: true });
    const segment = fc
      .tuple(coord, coord, coord, fc.boolean())
      .map(([a, b, c, horizontal]) => (horizontal ? h(a, b, c) : v(a, b, c)));
    const glyph = fc
      .tuple(coord, coord, fc.double({ min: 1, max: 30, noNaN: true }))
      .map(([x, y, s]) => g('字', x, x + s, y, s));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 60 }), fc.array(glyph, { maxLength: 60 }), (segments, glyphs) => {
        for (const grid of ruledGrids(segments)) {
          const rows = gridRows(
            grid,
            glyphs.flatMap((x) => cutAtRules(grid, x)),
          );
          const placed = rows.flatMap((r) => r.cells).reduce((n, c) => n + [...c.text].length, 0);
          assert.ok(placed <= glyphs.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('section headings with a typo', () => {
  it('are recognised when they carry the section’s numeral and differ by an edit or two', () => {
    assert.equal(sectionOfHeadingText('三、收到和处理政府信息息公开申请情况'), '3');
    assert.equal(sectionOfHeadingText('二、主动公开开政府信息情况'), '2');
    assert.equal(sectionOfHeadingText('四、政府信息公开行政复议、行政诉讼诉情况'), '4');
  });
  it('are not recognised without the numeral, with another numeral, or far from the wording', () => {
    assert.equal(sectionOfHeadingText('收到和处理政府信息息公开申请情况'), null);
    assert.equal(sectionOfHeadingText('五、收到和处理政府信息息公开申请情况'), null);
    assert.equal(sectionOfHeadingText('三、本年度办理结果'), null);
  });
});
