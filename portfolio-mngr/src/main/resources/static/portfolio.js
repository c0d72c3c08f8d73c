// The portfolio page: a client of portfolio-mngr's JSON API, whose errors are RFC 9457 problem details.

import {COLORS, PALETTE, draw, gantt} from './split-web/charts.js';
import {$, apiClient, duration, el, fill, newest, showSignedInUser, status, time as timeOf} from './split-web/page.js';

const POLL_MS = 1000;
const RUNS_PAGE_SIZE = 10;
const CHANGES_PAGE_SIZE = 20;

// ?owner=alice shows alice's portfolios (an operator may see anyone's); without it, the signed-in user's.
const OWNER = new URLSearchParams(location.search).get('owner');
const api = apiClient('portfolio-mngr');

const state = {portfolioId: null, tickerCount: 0, runsPage: 0, shownSession: null, polling: 0, pollTimer: null};

// A data cell that narrow screens show beside its column's name (table.stack in the CSS): one wrapper for the
// content, so that the name and the content are the two columns of the cell's grid.
function cell(label, attributes, ...children) {
    return el('td', {'data-label': label, ...attributes}, el('span', {}, ...children));
}

function time(iso) {
    return timeOf(iso, '—');
}

function number(value, digits) {
    return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
}

function showError(error) {
    const banner = $('#error');
    banner.textContent = error.message;
    banner.hidden = false;
}

function clearError() {
    $('#error').hidden = true;
    $('#error').textContent = '';
}

/** Runs a button's call with the button disabled; an error goes to the banner unless the call handles it. */
async function act(button, call) {
    clearError();
    button.disabled = true;
    try {
        await call();
    } catch (error) {
        showError(error);
    } finally {
        button.disabled = false;
        syncRefreshButton();
    }
}

/** Refresh needs tickers, and is off while a run is followed: a second click would answer the same run. */
function syncRefreshButton() {
    $('#refresh-button').disabled = state.tickerCount === 0 || state.pollTimer !== null;
}

// Portfolios

async function loadPortfolios() {
    const portfolios = await api(OWNER ? `/api/portfolios?userId=${encodeURIComponent(OWNER)}` : '/api/portfolios');
    const select = $('#portfolio-select');
    select.replaceChildren(...portfolios.map((p) => el('option', {value: p.id}, p.name)));
    $('#portfolio-choice').hidden = portfolios.length < 2;
    if (!portfolios.length) {
        $('#portfolio-name').textContent = 'No portfolio yet';
        $('#owner').textContent = OWNER ? `owner ${OWNER}` : '';
        for (const button of document.querySelectorAll('main button')) {
            button.disabled = true;
        }
        return;
    }
    const wanted = Number(new URLSearchParams(location.hash.slice(1)).get('portfolio'));
    const chosen = portfolios.find((p) => p.id === wanted) ?? portfolios[0];
    select.value = chosen.id;
    await openPortfolio(chosen.id);
}

async function openPortfolio(id) {
    state.portfolioId = id;
    state.runsPage = 0;
    state.shownSession = null;
    stopPolling();
    history.replaceState(null, '', `#portfolio=${id}`);
    const [portfolio, runs] = await Promise.all([
        api(`/api/portfolios/${id}`),
        loadRuns(),
        loadRecommendations(),
        loadChanges(),
        loadDailyRefresh(),
    ]);
    renderPortfolio(portfolio);
    // the newest run shows in the refresh panel, followed live while it runs
    const latest = runs.content[0];
    if (latest) {
        await showRun(latest.session_id);
    } else {
        renderNoRun();
    }
}

function renderPortfolio(portfolio) {
    if (portfolio.id !== state.portfolioId) {
        return;
    }
    $('#portfolio-name').textContent = $('#portfolio-choice').hidden ? portfolio.name : '';
    $('#owner').textContent = `owner ${portfolio.user_id}`;
    const count = portfolio.tickers.length;
    state.tickerCount = count;
    $('#ticker-count').textContent = `(${count})`;
    const list = $('#ticker-list');
    list.replaceChildren(...(count
        ? portfolio.tickers.map((ticker) => el('li', {'data-symbol': ticker.symbol},
            el('span', {title: `added ${ticker.added_at}`}, ticker.symbol),
            el('button', {
                type: 'button', 'data-action': 'remove', 'aria-label': `Remove ${ticker.symbol}`,
                title: `Remove ${ticker.symbol}`,
                onclick: (click) => act(click.currentTarget, () => removeTicker(ticker.symbol)),
            }, '×')))
        : [el('li', {class: 'empty'}, 'No tickers yet: add one to refresh.')]));
    syncRefreshButton();
}

// The daily refresh: on or off, and when it runs next (the schedule's time is local to its zone; the next run in UTC).

async function loadDailyRefresh() {
    const id = state.portfolioId;
    renderDailyRefresh(id, await api(`/api/portfolios/${id}/daily-refresh`));
}

function renderDailyRefresh(id, daily) {
    if (id !== state.portfolioId) {
        return;
    }
    $('#daily-refresh-enabled').checked = daily.enabled;
    $('#daily-refresh-when').replaceChildren(...(daily.enabled
        ? [`at ${daily.at} ${daily.zone}, ${daily.days}; next `, time(daily.next_run)]
        : ['off']));
}

async function changeDailyRefresh(change) {
    const checkbox = change.currentTarget;
    const id = state.portfolioId;
    checkbox.disabled = true;
    clearError();
    try {
        renderDailyRefresh(id, await api(`/api/portfolios/${id}/daily-refresh`,
            {method: 'PUT', body: {enabled: checkbox.checked}}));
    } catch (error) {
        checkbox.checked = !checkbox.checked;
        showError(error);
    } finally {
        checkbox.disabled = false;
    }
}

function fieldError(message) {
    const error = $('#symbol-error');
    const input = $('#symbol');
    error.textContent = message ?? '';
    error.hidden = !message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
}

async function addTicker(submit) {
    submit.preventDefault();
    const button = $('#add-button');
    const symbol = $('#symbol').value;
    const reason = $('#reason').value.trim();
    clearError();
    button.disabled = true;
    try {
        const portfolio = await api(`/api/portfolios/${state.portfolioId}/tickers`, {
            method: 'POST', body: reason ? {symbol, reason} : {symbol},
        });
        fieldError(null);
        $('#symbol').value = '';
        $('#reason').value = '';
        renderPortfolio(portfolio);
        await loadChanges();
    } catch (error) {
        // a rejected symbol (400) or a duplicate (409) is the user's to fix, next to the field
        if (error.status === 400 || error.status === 409) {
            fieldError(error.detail);
            $('#symbol').focus();
        } else {
            showError(error);
        }
    } finally {
        button.disabled = false;
    }
}

async function removeTicker(symbol) {
    const portfolio = await api(
        `/api/portfolios/${state.portfolioId}/tickers/${encodeURIComponent(symbol)}`, {method: 'DELETE'});
    renderPortfolio(portfolio);
    await loadChanges();
    $('#symbol').focus();
}

async function loadChanges() {
    const current = newest('changes');
    const page = await api(`/api/portfolios/${state.portfolioId}/history?size=${CHANGES_PAGE_SIZE}`);
    if (!current()) {
        return;
    }
    fill($('#change-table tbody'), page.content.map((change) => el('tr', {'data-action': change.action},
        cell('When', {}, time(change.occurred_at)),
        cell('Who', {}, change.user_id),
        cell('What', {}, change.symbol ? `${change.action} ${change.symbol}` : change.action),
        cell('Why', {class: 'why'}, change.reason ?? ''),
    )), 4, 'No changes');
}

// Runs

async function refresh() {
    const started = await api(`/api/portfolios/${state.portfolioId}/refresh`, {method: 'POST'});
    await showRun(started.session_id);
    await loadRuns();
}

/** Shows a run in the refresh panel, and polls it while it is RUNNING. */
async function showRun(sessionId) {
    stopPolling();
    state.shownSession = sessionId;
    const run = await loadRun(sessionId);
    if (run && run.status === 'RUNNING') {
        startPolling(sessionId);
    }
}

async function loadRun(sessionId) {
    const current = newest('run');
    const run = await api(`/api/runs/${encodeURIComponent(sessionId)}`);
    if (!current() || state.shownSession !== sessionId) {
        return null;
    }
    renderRun(run);
    return run;
}

/** Polls the run until it ends; a newer poll or another run shown stops it (each poll has its generation). */
function startPolling(sessionId) {
    const generation = ++state.polling;
    const poll = async () => {
        try {
            const run = await loadRun(sessionId);
            if (generation !== state.polling) {
                return;
            }
            clearError();
            if (run && run.status !== 'RUNNING') {
                state.pollTimer = null;
                syncRefreshButton();
                await Promise.all([loadRecommendations(), loadRuns()]);
                return;
            }
        } catch (error) {
            showError(error);
        }
        if (generation === state.polling) {
            state.pollTimer = setTimeout(poll, POLL_MS);
        }
    };
    state.pollTimer = setTimeout(poll, POLL_MS);
    syncRefreshButton();
}

function stopPolling() {
    state.polling += 1;
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    syncRefreshButton();
}

function renderNoRun() {
    $('#run-status').replaceChildren();
    $('#run-status').dataset.status = '';
    $('#run-summary').textContent = 'Not refreshed yet.';
    $('#run-reason').hidden = true;
    fill($('#step-table tbody'), [], 7, 'No run yet');
    draw($('#steps-chart'), {}, 'No run yet');
    $('#run-links').replaceChildren();
}

function renderRun(run) {
    $('#run-status').textContent = run.status;
    $('#run-status').dataset.status = run.status;
    $('#run').dataset.session = run.session_id;
    const took = run.finished_at ? `, took ${duration(run.duration_ms)}` : '';
    $('#run-summary').textContent = `Run ${run.session_id} for ${run.tickers.length} tickers, started `
        + `${run.started_at.replace('T', ' ').slice(0, 19)} UTC by ${run.requested_by}${took}`;
    const reason = run.reason
        ?? (run.dropped.length ? `Dropped: ${run.dropped.map((d) => `${d.ticker} (${d.reason})`).join(', ')}` : null);
    $('#run-reason').textContent = reason ?? '';
    $('#run-reason').hidden = !reason;
    fill($('#step-table tbody'), run.steps.map((step) => el('tr', {'data-step': step.step, 'data-state': step.state},
        el('th', {scope: 'row', 'data-label': 'Step'}, step.step),
        cell('State', {}, status(step.state)),
        cell('Tickers', {class: 'progress'},
            el('progress', {
                max: Math.max(step.tickers_total, 1), value: step.tickers_done + step.tickers_failed,
                'aria-label': `${step.step}: ${step.tickers_done + step.tickers_failed} of ${step.tickers_total}`,
            }),
            ' ', el('span', {'data-field': 'tickers'}, `${step.tickers_done} done, ${step.tickers_failed} failed`
                + ` of ${step.tickers_total}`)),
        cell('Started', {}, time(step.started_at)),
        cell('Duration', {class: 'num'}, duration(step.duration_ms)),
        cell('Dropped', {}, step.dropped.length
            ? el('ul', {class: 'dropped'}, ...step.dropped.map((d) => el('li', {}, `${d.ticker}: ${d.reason}`)))
            : '—'),
        cell('Tasks', {class: 'tasks'}, ...(step.tasks.length
            ? step.tasks.map((task) => el('a', {
                href: task.links.dashboard, target: '_blank', rel: 'noopener', 'data-task-id': task.task_id,
                title: `Timeline of task ${task.task_id} in event-srv`,
            }, el('code', {}, task.task_id.slice(0, 8)), '…'))
            : ['—'])),
    )), 7, run.status === 'RUNNING' ? 'Waiting for the orchestrator…' : 'No steps reported');
    drawSteps(run);
    $('#run-links').replaceChildren(
        el('a', {href: run.refresh_task.links.dashboard, target: '_blank', rel: 'noopener', id: 'refresh-task-link'},
            'Refresh task timeline'),
        el('a', {href: run.links.tasks, target: '_blank', rel: 'noopener'}, 'All tasks of this run'),
        el('a', {href: run.links.dashboard, target: '_blank', rel: 'noopener', id: 'dashboard-link'},
            'event-srv task dashboard'),
    );
    for (const row of document.querySelectorAll('#run-table tbody tr')) {
        row.classList.toggle('current', row.dataset.session === run.session_id);
    }
}

async function loadRuns() {
    const current = newest('runs');
    const page = await api(`/api/portfolios/${state.portfolioId}/runs?page=${state.runsPage}&size=${RUNS_PAGE_SIZE}`);
    if (!current()) {
        return page;
    }
    fill($('#run-table tbody'), page.content.map((run) => el('tr', {
            'data-session': run.session_id, 'data-status': run.status,
            class: run.session_id === state.shownSession ? 'current' : null,
        },
        cell('Started', {}, time(run.started_at)),
        cell('Session', {}, el('button', {
            type: 'button', class: 'link', title: 'Show this run',
            onclick: (click) => act(click.currentTarget, () => showRun(run.session_id)),
        }, run.session_id)),
        cell('Status', {}, status(run.status)),
        cell('By', {}, run.requested_by),
        cell('Duration', {class: 'num'}, duration(run.duration_ms)),
        cell('Reason', {class: 'why'}, run.reason ?? ''),
    )), 6, 'No runs yet');
    $('#runs-info').textContent = page.total_elements ? `Page ${page.page + 1} of ${page.total_pages}` : '';
    $('#runs-prev').disabled = page.page === 0;
    $('#runs-next').disabled = page.page + 1 >= page.total_pages;
    return page;
}

async function loadRecommendations() {
    const current = newest('recommendations');
    const latest = await orNull(api(`/api/portfolios/${state.portfolioId}/recommendations`));
    const prices = latest && await orNull(api(`/api/portfolios/${state.portfolioId}/prices`));
    if (!current()) {
        return;
    }
    $('#recommendations-caption').textContent = latest
        ? `From run ${latest.session_id}, finished ${latest.finished_at.replace('T', ' ').slice(0, 19)} UTC.`
        : 'No successful run yet: refresh to get recommendations.';
    fill($('#recommendation-table tbody'), (latest?.recommendations ?? []).map((rec) => el('tr', {
            'data-ticker': rec.ticker, 'data-decision': rec.decision,
        },
        el('th', {scope: 'row', 'data-label': 'Ticker'}, rec.ticker),
        cell('Decision', {}, el('span', {class: 'decision', 'data-decision': rec.decision}, rec.decision)),
        cell('Score', {class: 'num', 'data-field': 'score'}, number(rec.score, 2)),
        cell('Weight', {class: 'num', 'data-field': 'weight'}, `${(rec.weight * 100).toFixed(1)} %`),
        cell('Why', {class: 'why'}, rec.reasons),
    )), 5, latest ? 'The run recommended nothing' : 'No recommendations yet');
    drawWeights(latest?.recommendations ?? []);
    drawScores(latest?.recommendations ?? []);
    drawPrices(prices?.tickers ?? []);
}

/** What a request answers; null for a 404 (no successful run yet). */
async function orNull(request) {
    try {
        return await request;
    } catch (error) {
        if (error.status === 404) {
            return null;
        }
        throw error;
    }
}

// Charts

const STEP_STATES = {running: COLORS.accent, done: COLORS.success, failed: COLORS.failure};

/** The run's steps on a timeline: each from its start to its end, or to now while it runs. */
function drawSteps(run) {
    const steps = run.steps.filter((step) => step.started_at);
    gantt($('#steps-chart'), steps.map((step) => step.step), steps.map((step, row) => ({
        row, from: Date.parse(step.started_at), to: step.finished_at ? Date.parse(step.finished_at) : null,
        kind: step.state in STEP_STATES ? step.state : 'running',
        label: `${step.step}: ${step.tickers_done} done, ${step.tickers_failed} failed of ${step.tickers_total}`,
    })), STEP_STATES);
}

function drawWeights(recommendations) {
    const buys = recommendations.filter((rec) => rec.weight > 0);
    draw($('#weights-chart'), {
        grid: {left: 8, right: 48, top: 8, bottom: 8, containLabel: true},
        xAxis: {type: 'value', max: 1, axisLabel: {formatter: (value) => `${Math.round(value * 100)} %`}},
        yAxis: {type: 'category', data: buys.map((rec) => rec.ticker), inverse: true},
        tooltip: {trigger: 'axis', valueFormatter: (value) => `${(value * 100).toFixed(1)} %`},
        series: [{
            type: 'bar', name: 'weight', itemStyle: {color: COLORS.success}, barMaxWidth: 24,
            label: {show: true, position: 'right', formatter: ({value}) => `${(value * 100).toFixed(1)} %`},
            data: buys.map((rec) => rec.weight),
        }],
    }, buys.length ? null : 'No Buy in the latest run');
}

/**
 * Each ticker's score as a stack of its parts (sub-score × weight, which add up to the score); a score without parts
 * is one bar of its own, and a ticker without a score has none.
 */
function drawScores(recommendations) {
    const names = [...new Set(recommendations.flatMap((rec) => rec.score_parts.map((part) => part.name)))];
    const contribution = (rec, name) => {
        const part = rec.score_parts.find((each) => each.name === name);
        return part ? part.score * part.weight : null;
    };
    const series = names.map((name) => ({
        type: 'bar', name, stack: 'score', barMaxWidth: 24,
        data: recommendations.map((rec) => contribution(rec, name)),
    }));
    if (recommendations.some((rec) => rec.score !== null && !rec.score_parts.length)) {
        series.push({
            type: 'bar', name: 'score', stack: 'score', barMaxWidth: 24, itemStyle: {color: PALETTE.at(-1)},
            data: recommendations.map((rec) => (rec.score_parts.length ? null : rec.score)),
        });
    }
    draw($('#scores-chart'), {
        legend: {top: 0},
        grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
        xAxis: {type: 'value', max: 1},
        yAxis: {
            type: 'category', inverse: true,
            data: recommendations.map((rec) => `${rec.ticker} ${rec.decision}${rec.score === null ? ' (not scored)' : ''}`),
        },
        tooltip: {trigger: 'axis', valueFormatter: (value) => (value === null ? '—' : value.toFixed(3))},
        series,
    }, series.length ? null : 'No scores yet');
}

const DECISION_LINES = {BUY: 'solid', HOLD: 'dashed', SELL: 'dotted'};

/**
 * Each ticker's adjusted close over the window its screen used, rebased to 100 on the window's first day: tickers of
 * any price level compare on one axis, and the offline provider's adj_close, scaled from the listing rather than from
 * today (yahoo-gateway's README), reads the same as Yahoo's.
 */
function drawPrices(tickers) {
    const drawn = tickers.filter((ticker) => ticker.adj_close.length);
    draw($('#prices-chart'), {
        legend: {top: 0, type: 'scroll'},
        grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
        xAxis: {type: 'time', axisLabel: {hideOverlap: true}},
        yAxis: {type: 'value', scale: true},
        tooltip: {trigger: 'axis', valueFormatter: (value) => value.toFixed(1)},
        series: drawn.map((ticker) => ({
            type: 'line', name: `${ticker.ticker} ${ticker.decision}`, showSymbol: false,
            lineStyle: {width: 1.5, type: DECISION_LINES[ticker.decision] ?? 'solid'},
            data: ticker.dates.map((date, day) => [date, (100 * ticker.adj_close[day]) / ticker.adj_close[0]]),
        })),
    }, drawn.length ? null : 'No prices stored for the latest run');
}

// Wiring

function start() {
    $('#add-ticker').addEventListener('submit', addTicker);
    $('#symbol').addEventListener('input', () => fieldError(null));
    $('#refresh-button').addEventListener('click', (click) => act(click.currentTarget, refresh));
    $('#daily-refresh-enabled').addEventListener('change', changeDailyRefresh);
    $('#portfolio-select').addEventListener('change', (change) =>
        openPortfolio(Number(change.target.value)).catch(showError));
    $('#runs-prev').addEventListener('click', (click) => act(click.currentTarget, () => {
        state.runsPage -= 1;
        return loadRuns();
    }));
    $('#runs-next').addEventListener('click', (click) => act(click.currentTarget, () => {
        state.runsPage += 1;
        return loadRuns();
    }));
    showSignedInUser(api).catch(showError);
    loadPortfolios().catch(showError);
}

start();
