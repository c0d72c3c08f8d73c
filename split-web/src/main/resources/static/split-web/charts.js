// What the SPLit pages' charts share (served by every service that has split-web, at split-web/charts.js): ECharts,
// from the WebJar the service serves itself at webjars/echarts/dist/echarts.min.js, which the page loads as a classic
// script before its module. Every chart draws on a canvas, and its tooltips too (renderMode 'richText'): no HTML is
// built from tickers, queues or task types, and no inline style meets the Content-Security-Policy.

const echarts = globalThis.echarts;

// page.css's colours, so that a chart says SUCCESS, FAILURE and waiting as the tables do
export const COLORS = {
    accent: '#1f5fbf',
    success: '#1e7b34',
    failure: '#b3261e',
    waiting: '#8a6100',
    muted: '#8a929c',
};

// Distinct series colours, none of them one of COLORS: a queue or a ticker never reads as a status. All saturated,
// unlike the greys of axes and labels: the page tests tell a chart that drew data by them (split-web's Charts).
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#17becf', '#bcbd22'];

const resizing = new ResizeObserver((entries) => {
    for (const entry of entries) {
        echarts.getInstanceByDom(entry.target)?.resize();
    }
});

function instance(element) {
    let chart = echarts.getInstanceByDom(element);
    if (!chart) {
        chart = echarts.init(element, null, {renderer: 'canvas'});
        resizing.observe(element);
    }
    return chart;
}

/**
 * Draws `option` in `element`, replacing what it showed. With nothing to draw (`empty` is the reason), the chart is
 * cleared and the element says why (its data-empty attribute, which the CSS shows).
 */
export function draw(element, option, empty = null) {
    const chart = instance(element);
    if (empty) {
        chart.clear();
        element.dataset.empty = empty;
        return;
    }
    delete element.dataset.empty;
    chart.setOption({
        animation: false,
        color: PALETTE,
        textStyle: {fontFamily: 'system-ui, -apple-system, "Segoe UI", sans-serif'},
        ...option,
        tooltip: {renderMode: 'richText', confine: true, ...option.tooltip},
    }, {notMerge: true});
}

export function formatDuration(ms) {
    if (ms < 1000) {
        return `${Math.round(ms)} ms`;
    }
    if (ms < 60_000) {
        return `${(ms / 1000).toFixed(1)} s`;
    }
    return `${Math.floor(ms / 60_000)} min ${Math.floor(ms / 1000) % 60} s`;
}

function clock(ms) {
    return new Date(ms).toISOString().slice(11, 23);
}

/**
 * A Gantt timeline: one line per entry of `rows` (top to bottom), on it each bar `{row, from, to, kind, label}` (times
 * in epoch ms; `to` null while it lasts: drawn up to `now`) in its kind's colour from `kinds` ({kind: colour}, in
 * legend order). One series per kind, so the legend names the kinds and each can be hidden.
 */
export function gantt(element, rows, bars, kinds, now = Date.now()) {
    if (!bars.length) {
        draw(element, {}, 'Nothing to show yet');
        return;
    }
    const renderItem = (params, api) => {
        const row = api.value(0);
        const start = api.coord([api.value(1), row]);
        const end = api.coord([api.value(2), row]);
        const height = api.size([0, 1])[1] * 0.6;
        // at least 2 px: a task that took a millisecond still shows
        const shape = echarts.graphic.clipRectByRect(
            {x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height},
            {x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height});
        return shape && {type: 'rect', shape, style: api.style()};
    };
    draw(element, {
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 32, bottom: 24, containLabel: true},
        // a little room after the last end, so that a bar of the last instant is not cut off at the edge
        xAxis: {type: 'time', axisLabel: {hideOverlap: true}, max: ({min, max}) => max + (max - min) * 0.02},
        yAxis: {type: 'category', data: rows, inverse: true, axisTick: {show: false}},
        tooltip: {
            formatter: (point) => {
                const [, from, to, label] = point.value;
                return `${label}\n${point.seriesName}: ${clock(from)} to ${clock(to)} (${formatDuration(to - from)})`;
            },
        },
        series: Object.entries(kinds).map(([kind, color]) => ({
            type: 'custom',
            name: kind,
            renderItem,
            itemStyle: {color},
            encode: {x: [1, 2], y: 0},
            data: bars.filter((bar) => bar.kind === kind)
                .map((bar) => [bar.row, bar.from, bar.to ?? Math.max(now, bar.from), bar.label]),
        })),
    });
}
