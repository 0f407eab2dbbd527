import type * as Echarts from 'echarts';
import { html, raw } from 'hono/html';
import type { Html } from '../layout.ts';

export interface Series {
  label: string;
  value: number;
}

/**
 * A chart rendered to SVG on the server (ECharts SSR): no client JavaScript. Style attributes become presentation
 * attributes and the hover stylesheet is dropped, so the SVG passes the strict CSP (style-src 'self'). The same
 * numbers follow as a table — the alternative for screen readers and for copying.
 */
let echarts: typeof Echarts | undefined;

/**
 * ECharts takes more than a second to load — most of the server's start-up if imported eagerly — so it is loaded
 * by the first page that draws a chart (the route awaits this before rendering), not when the server starts.
 */
export async function loadCharts(): Promise<void> {
  echarts ??= await import('echarts');
}

export function barChart(id: string, title: string, data: readonly Series[], kind: 'bar' | 'line' = 'bar'): Html {
  if (!echarts) throw new Error('barChart: await loadCharts() before rendering');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 280 });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: {
        type: 'category',
        data: data.map((d) => d.label),
        axisLabel: { interval: 0, rotate: data.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: kind,
          data: data.map((d) => d.value),
          label: { show: true, position: 'top' },
          itemStyle: { color: '#1d4f91' },
        },
      ],
    });
    const svg = cspSafeSvg(chart.renderToSVGString(), `${id}-title`);
    return html`<figure class="chart" aria-labelledby="${id}-cap">
      <figcaption id="${id}-cap">${title}</figcaption>
      ${raw(svg.replace('<svg ', `<svg role="img" aria-labelledby="${id}-title" `).replace(/(<svg[^>]*>)/, `$1<title id="${id}-title">${escapeXml(title)}</title>`))}
      <table>
        <caption>
          ${title}（数据表）
        </caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">数量</th>
          </tr>
        </thead>
        <tbody>
          ${data.map(
            (d) =>
              html`<tr>
                <th scope="row">${d.label}</th>
                <td>${d.value}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </figure>`;
  } finally {
    chart.dispose();
  }
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** Inline `style="a:b"` → attributes `a="b"`; `<style>` elements removed. */
export function cspSafeSvg(svg: string, _titleId: string): string {
  return svg.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_m, body: string) =>
    body
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const i = d.indexOf(':');
        const name = d.slice(0, i).trim();
        const value = d
          .slice(i + 1)
          .trim()
          .replace(/px$/, '');
        return /^[a-z-]+$/.test(name) ? ` ${name}="${value.replace(/"/g, '')}"` : '';
      })
      .join(''),
  );
}
