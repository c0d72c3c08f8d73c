// The task dashboard: a client of event-srv's JSON APIs, whose errors are RFC 9457 problem details.

import {COLORS, draw, gantt} from './split-web/charts.js';
import {$, apiClient, duration, el, fill, newest, showSignedInUser, status, time} from './split-web/page.js';

const api = apiClient('event-srv');

const REFRESH_MS = 3000;
// an aggregate over the journal: once in a while is enough for a chart by the minute
const THROUGHPUT_REFRESH_MS = 30_000;
const TASK_PAGE_SIZE = 25;
const DEAD_PAGE_SIZE = 50;
// task-contracts' TaskStatus, in lifecycle order
const STATUSES = ['PENDING', 'RETRY', 'QUEUED', 'RECEIVED', 'PROCESSING',
    'SUCCESS', 'NO_DATA', 'FAILURE', 'CANCELLED', 'TIMEOUT'];
const TERMINAL = new Set(['SUCCESS', 'NO_DATA', 'FAILURE', 'CANCELLED', 'TIMEOUT']);

const state = {taskPage: 0, deadOffset: 0, deadSeen: null, openTaskId: null};

function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function taskLink(taskId) {
    return el('button', {type: 'button', class: 'link', 'data-task-id': taskId,
        onclick: () => openTimeline(taskId)}, taskId);
}

// The refresh loop owns the banner while it shows a refresh error; an action's error stays until the next action.
function showError(source, error) {
    const banner = $('#error');
    banner.textContent = error.message;
    banner.dataset.source = source;
    banner.dataset.status = error.status ?? '';
    banner.hidden = false;
}

function clearError(source) {
    const banner = $('#error');
    if (source === 'action' || banner.dataset.source === source) {
        banner.hidden = true;
        banner.textContent = '';
    }
}

function notify(text) {
    const notice = $('#notice');
    notice.textContent = text;
    notice.hidden = false;
}

/** Runs a button's call with the button disabled, and shows its outcome. */
async function act(button, call) {
    clearError('action');
    $('#notice').hidden = true;
    button.disabled = true;
    try {
        await call();
    } catch (error) {
        showError('action', error);
    } finally {
        button.disabled = false;
    }
}

// Queues and counts

async function loadQueues() {
    const [queues, counts] = await Promise.all([api('/api/queues'), api('/api/tasks/counts')]);
    fill($('#queue-table tbody'), queues.map((q) => el('tr', {'data-queue': q.queue},
        el('td', {}, q.queue),
        el('td', {class: 'num', 'data-field': 'ready', title: byPriority(q)}, q.ready),
        ...['processing', 'delayed', 'dead', 'workers'].map((field) =>
            el('td', {class: 'num', 'data-field': field}, q[field])),
        el('td', {class: 'num', 'data-field': 'oldest_waiting_ms'}, duration(q.oldest_waiting_ms)),
        el('td', {class: 'num', 'data-field': 'completed_last_minute'}, q.completed_last_minute),
        el('td', {'data-field': 'paused'}, pauseCell(q)),
    )), 9, 'No queues');
    $('#status-counts').replaceChildren(...STATUSES.map((name) => el('li', {'data-status': name},
        el('button', {type: 'button', class: 'link', onclick: () => filterByStatus(name)},
            status(name), ' ', el('span', {class: 'count'}, counts.by_status[name] ?? 0)))));
    queueChoices(queues.map((q) => q.queue));
    drawDepths(queues);
    // the dead letters follow the queue table: their list reloads when the chosen queue's count moves
    const chosen = queues.find((q) => q.queue === $('#dead-queue').value);
    const seen = chosen ? `${chosen.queue}:${chosen.dead}` : '';
    if (seen !== state.deadSeen) {
        state.deadSeen = seen;
        await loadDead();
    }
    $('#refreshed').textContent = `Updated ${new Date().toISOString().slice(11, 19)}Z`;
}

// Charts

const DEPTHS = {ready: COLORS.accent, processing: COLORS.success, delayed: COLORS.waiting, dead: COLORS.failure};

function drawDepths(queues) {
    draw($('#depth-chart'), {
        // one legend line, and room under it for the axes' names
        legend: {top: 0, type: 'scroll'},
        // room on the left for the first queue's rotated name, which containLabel does not count
        grid: {left: 56, right: 8, top: 56, bottom: 8, containLabel: true},
        xAxis: {type: 'category', data: queues.map((q) => q.queue), axisLabel: {interval: 0, rotate: 20}},
        yAxis: [
            {type: 'value', name: 'tasks', nameTextStyle: {align: 'left'}, minInterval: 1},
            {type: 'value', name: 'oldest wait (s)', nameTextStyle: {align: 'right'}, splitLine: {show: false}},
        ],
        tooltip: {trigger: 'axis'},
        series: [
            ...Object.entries(DEPTHS).map(([field, color]) => ({
                type: 'bar', name: field, stack: 'depth', barMaxWidth: 48, itemStyle: {color},
                data: queues.map((q) => q[field]),
            })),
            {
                type: 'scatter', name: 'oldest wait', yAxisIndex: 1, symbolSize: 12, itemStyle: {color: '#7b3fa0'},
                data: queues.map((q) => q.oldest_waiting_ms / 1000),
            },
        ],
    }, queues.length ? null : 'No queues');
}

async function loadThroughput() {
    const hours = $('#throughput-hours').value;
    const current = newest('throughput');
    const throughput = await api(`/api/tasks/throughput?hours=${hours}`);
    if (!current()) {
        return;
    }
    const start = Date.parse(throughput.from);
    const step = throughput.step_seconds * 1000;
    const points = (counts) => counts.map((count, minute) => [start + minute * step, count]);
    const series = (name, grid, counts) => ({
        type: 'line', name, xAxisIndex: grid, yAxisIndex: grid, showSymbol: false, step: 'start', data: points(counts),
    });
    const names = throughput.queues.map((q) => q.queue);
    // one colour per queue in both grids: the failed series take the completed one's name and so its colour
    draw($('#throughput-chart'), {
        legend: {top: 0, type: 'scroll', data: names},
        grid: [
            {left: 8, right: 16, top: 56, height: '42%', containLabel: true},
            {left: 8, right: 16, bottom: 8, height: '28%', containLabel: true},
        ],
        xAxis: [
            {type: 'time', gridIndex: 0, min: start, max: Date.parse(throughput.to), axisLabel: {show: false}},
            {type: 'time', gridIndex: 1, min: start, max: Date.parse(throughput.to), axisLabel: {hideOverlap: true}},
        ],
        yAxis: [
            {type: 'value', gridIndex: 0, name: 'completed', nameTextStyle: {align: 'left'}, minInterval: 1},
            {type: 'value', gridIndex: 1, name: 'failed', nameTextStyle: {align: 'left'}, minInterval: 1},
        ],
        tooltip: {trigger: 'axis'},
        series: throughput.queues.flatMap((q) => [
            series(q.queue, 0, q.completed),
            series(q.queue, 1, q.failed),
        ]),
    }, names.length ? null : `No task finished in the last ${hours} h`);
}

function throughputLoop() {
    loadThroughput()
        .then(() => clearError('throughput'))
        .catch((error) => showError('throughput', error))
        .finally(() => setTimeout(throughputLoop, THROUGHPUT_REFRESH_MS));
}

// an outcome's colour: done, retried, failed; an open run in the accent colour, a wait in grey
const SEGMENT_KINDS = {
    waiting: COLORS.muted, running: COLORS.accent, done: COLORS.success, retried: COLORS.waiting,
    failed: COLORS.failure,
};

function segmentKind(segment) {
    if (segment.kind === 'waiting' || segment.outcome === null) {
        return segment.kind;
    }
    if (segment.outcome === 'SUCCESS' || segment.outcome === 'NO_DATA') {
        return 'done';
    }
    return segment.outcome === 'RETRY' ? 'retried' : 'failed';
}

/** The session's tasks on a timeline, above the task list, while the filter names one session. */
async function loadGantt() {
    const sessionId = $('#filter-session').value.trim();
    $('#gantt').hidden = !sessionId;
    if (!sessionId) {
        return;
    }
    const current = newest('gantt');
    const timeline = await api(`/api/tasks/gantt?sessionId=${encodeURIComponent(sessionId)}`);
    if (!current()) {
        return;
    }
    $('#gantt-session').textContent = sessionId;
    $('#gantt-note').textContent = timeline.truncated ? `(its first ${timeline.tasks.length} tasks)` : '';
    // a UUIDv7 starts with its time: tasks published together differ at the end
    const rows = timeline.tasks.map((task) => `${task.task_type ?? '?'} …${task.task_id.slice(-8)}`);
    const bars = timeline.tasks.flatMap((task, row) => task.segments.map((segment) => ({
        row, from: Date.parse(segment.from), to: segment.to ? Date.parse(segment.to) : null,
        kind: segmentKind(segment), label: `${rows[row]} (${task.queue ?? '?'}, ${task.status ?? '?'})`,
    })));
    // a line per task: tall enough to read, whatever the number of tasks
    $('#gantt-chart').style.height = `${Math.max(12, 4 + 1.6 * rows.length)}rem`;
    gantt($('#gantt-chart'), rows, bars, SEGMENT_KINDS);
}

// Schedules: when each runs next, its last run (the task it published, or skipped), and its runs in the task list.

async function loadSchedules() {
    const schedules = await api('/api/schedules');
    fill($('#schedule-table tbody'), schedules.map((view) => {
        const {schedule, next_run: nextRun, last_run: lastRun} = view;
        const when = schedule.cron ? `cron ${schedule.cron} (${schedule.zone ?? 'UTC'})` : `every ${schedule.every}`;
        return el('tr', {'data-schedule': schedule.name},
            el('td', {}, schedule.name),
            el('td', {'data-field': 'when'}, when),
            el('td', {}, `${schedule.task.task_type} → ${schedule.task.queue}`),
            el('td', {'data-field': 'next_run'}, time(nextRun, 'never')),
            el('td', {'data-field': 'last_run'}, ...(lastRun
                ? [time(lastRun.due), ' ', lastRun.skipped ? skipped() : '', ' ', taskLink(lastRun.task_id)]
                : ['not yet'])),
            el('td', {}, schedule.missed),
            el('td', {}, schedule.owner),
            el('td', {}, el('button', {type: 'button', class: 'link', 'data-action': 'runs',
                onclick: () => showRuns(schedule.name)}, 'Runs'),
            ...(schedule.owner === 'api' ? [' ', el('button', {type: 'button', 'data-action': 'remove',
                onclick: (click) => act(click.currentTarget, () => removeSchedule(schedule.name))}, 'Remove')] : [])));
    }), 8, 'No schedules');
}

// a run missed while no scheduler ran, journalled as cancelled
function skipped() {
    return el('span', {class: 'status', 'data-status': 'CANCELLED', title: 'missed, and skipped'}, 'SKIPPED');
}

function showRuns(name) {
    $('#filter-session').value = `schedule.${name}`;
    state.taskPage = 0;
    act($('#filter-apply'), loadTasks);
    $('#tasks').scrollIntoView();
}

async function removeSchedule(name) {
    if (!confirm(`Remove schedule ${name}? Its runs stay in the journal.`)) {
        return;
    }
    await api(`/api/schedules/${encodeURIComponent(name)}`, {method: 'DELETE'});
    notify(`Removed schedule ${name}`);
    await loadSchedules();
}

// The ready count's tooltip: how many wait at each priority.
function byPriority(queue) {
    return Object.entries(queue.ready_by_priority ?? {}).map(([level, count]) => `${level} ${count}`).join(', ');
}

// A paused queue says who paused it, when and why, beside the button that resumes it.
function pauseCell(queue) {
    if (!queue.paused) {
        return el('button', {type: 'button', 'data-action': 'pause',
            onclick: (click) => act(click.currentTarget, () => pause(queue.queue))}, 'Pause');
    }
    const {by, at, reason} = queue.paused;
    return el('span', {class: 'paused'},
        el('span', {class: 'status', 'data-status': 'PAUSED', title: reason ?? ''}, 'PAUSED'),
        ` by ${by} since `, time(at), ' ',
        el('button', {type: 'button', 'data-action': 'resume',
            onclick: (click) => act(click.currentTarget, () => resume(queue.queue))}, 'Resume'));
}

async function pause(queue) {
    const reason = prompt(`Pause ${queue}: its workers stop claiming, everything else goes on. Why?`);
    if (reason === null) {
        return;
    }
    const answer = await api(`/api/queues/${encodeURIComponent(queue)}/pause`, {method: 'POST', body: {reason}});
    notify(answer.changed ? `Paused ${queue}` : `${queue} was paused already, by ${answer.pause.by}`);
    await loadQueues();
}

async function resume(queue) {
    const answer = await api(`/api/queues/${encodeURIComponent(queue)}/resume`, {method: 'POST'});
    notify(answer.changed ? `Resumed ${queue}` : `${queue} was not paused`);
    await loadQueues();
}

function queueChoices(names) {
    $('#queue-names').replaceChildren(...names.map((name) => el('option', {value: name})));
    const select = $('#dead-queue');
    const chosen = select.value;
    if ([...select.options].map((o) => o.value).join() !== names.join()) {
        select.replaceChildren(...names.map((name) => el('option', {value: name}, name)));
        select.value = names.includes(chosen) ? chosen : (names[0] ?? '');
        if (select.value !== chosen) {
            state.deadOffset = 0;
        }
    }
}

async function refresh() {
    try {
        await Promise.all([loadQueues(), loadSchedules()]);
        if (state.openTaskId) {
            await loadTimeline(state.openTaskId);
        }
        clearError('refresh');
    } catch (error) {
        showError('refresh', error);
    } finally {
        setTimeout(refresh, REFRESH_MS);
    }
}

// Tasks

function filterParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData($('#task-filter'))) {
        if (!value) {
            continue;
        }
        // the page shows UTC throughout, so the datetime-local fields are read as UTC too
        params.set(name, name === 'from' || name === 'to' ? new Date(`${value}Z`).toISOString() : value);
    }
    return params;
}

async function loadTasks() {
    const params = filterParams();
    params.set('page', state.taskPage);
    params.set('size', TASK_PAGE_SIZE);
    const current = newest('tasks');
    const page = await api(`/api/tasks?${params}`);
    if (!current()) {
        return;
    }
    fill($('#task-table tbody'), page.content.map((task) => el('tr', {
            'data-task-id': task.task_id, 'data-status': task.status,
            class: task.task_id === state.openTaskId ? 'selected' : null,
            onclick: () => openTimeline(task.task_id),
        },
        el('td', {}, time(task.created_at)),
        el('td', {}, el('code', {}, task.task_id)),
        el('td', {}, task.task_type),
        el('td', {}, task.queue),
        el('td', {}, status(task.status)),
        el('td', {class: 'num'}, task.attempts),
        el('td', {}, task.session_id),
        el('td', {}, task.user_id),
        el('td', {class: 'error-text'}, task.last_error),
    )), 9, 'No tasks match');
    $('#page-info').textContent = page.total_elements
        ? `Page ${page.page + 1} of ${page.total_pages} (${plural(page.total_elements, 'task')})`
        : '';
    $('#page-prev').disabled = page.page === 0;
    $('#page-next').disabled = page.page + 1 >= page.total_pages;
    await loadGantt();
}

function filterByStatus(name) {
    $('#filter-status').value = name;
    state.taskPage = 0;
    loadTasks().catch((error) => showError('action', error));
}

// Timeline

async function openTimeline(taskId) {
    state.openTaskId = taskId;
    for (const row of document.querySelectorAll('#task-table tbody tr')) {
        row.classList.toggle('selected', row.dataset.taskId === taskId);
    }
    if ($('#timeline').dataset.taskId !== taskId) {
        $('#timeline').dataset.taskId = taskId;
        $('#timeline-task-id').textContent = taskId;
        $('#timeline-status').replaceChildren();
        $('#timeline-status').dataset.status = '';
        $('#timeline-state').replaceChildren();
        $('#timeline-envelope').textContent = '';
        fill($('#timeline-events tbody'), [], 6, 'Loading…');
    }
    $('#timeline').hidden = false;
    try {
        await loadTimeline(taskId);
        clearError('action');
    } catch (error) {
        showError('action', error);
    }
    $('#timeline').scrollIntoView({block: 'nearest'});
}

async function loadTimeline(taskId) {
    const current = newest('timeline');
    const [task, events] = await Promise.all([
        api(`/api/tasks/${encodeURIComponent(taskId)}`),
        api(`/api/tasks/${encodeURIComponent(taskId)}/events`),
    ]);
    if (!current()) {
        return;
    }
    $('#timeline-status').replaceChildren(task.status ?? '');
    $('#timeline-status').dataset.status = task.status ?? '';
    const facts = [
        ['Queue', task.queue], ['Type', task.task_type], ['Attempts', task.attempts],
        ['Session', task.session_id], ['User', task.user_id],
        ['Created', time(task.created_at)], ['Updated', time(task.updated_at)],
        ['Last error', task.last_error],
    ];
    $('#timeline-state').replaceChildren(...facts.flatMap(([name, value]) =>
        [el('dt', {}, name), el('dd', {}, value ?? '—')]));
    $('#timeline-envelope').textContent = task.envelope
        ? JSON.stringify(task.envelope, null, 2)
        : 'No envelope journalled (task_created not seen yet)';
    fill($('#timeline-events tbody'), events.map((event) => el('tr', {
            'data-event-type': event.event_type, 'data-status': event.status,
        },
        el('td', {}, time(event.occurred_at)),
        el('td', {}, event.event_type),
        el('td', {}, status(event.status)),
        el('td', {class: 'num'}, event.attempt ?? ''),
        el('td', {}, event.worker_id ?? ''),
        el('td', {class: 'error-text'}, event.error ? `${event.error.type}: ${event.error.message}` : ''),
    )), 6, 'No events journalled');
    const finished = TERMINAL.has(task.status);
    $('#task-cancel').disabled = finished;
    $('#task-replay').disabled = !finished || !task.envelope;
}

function closeTimeline() {
    state.openTaskId = null;
    $('#timeline').hidden = true;
    for (const row of document.querySelectorAll('#task-table tr.selected')) {
        row.classList.remove('selected');
    }
}

async function cancelTask() {
    const taskId = state.openTaskId;
    const answer = await api(`/api/tasks/${encodeURIComponent(taskId)}/cancel`, {method: 'POST'});
    notify(`Cancel requested for ${answer.task_id} (${answer.status ?? 'not journalled yet'})`);
    await loadTimeline(taskId);
}

async function replayTask() {
    const taskId = state.openTaskId;
    const answer = await api(`/api/tasks/${encodeURIComponent(taskId)}/replay`, {method: 'POST'});
    notify(`Replayed ${answer.task_id} on ${answer.queue} as attempt ${answer.attempt}`);
    await loadTimeline(taskId);
}

// A bulk action asks the API how many it would take (preview), and acts only once the user has seen the count.
async function replayMatching() {
    const params = filterParams();
    // without a filter the API refuses, and says why
    const preview = await api(`/api/tasks/replay?${params}&preview=true`, {method: 'POST'});
    if (!confirm(`Replay ${plural(preview.matched, 'finished task')} matching ${params}?`)) {
        return;
    }
    const answer = await api(`/api/tasks/replay?${params}`, {method: 'POST'});
    notify(`Replayed ${answer.replayed.length} of ${plural(answer.matched, 'matching task')}, skipped ${answer.skipped}`);
    await loadTasks();
}

async function cancelMatching() {
    const params = filterParams();
    const preview = await api(`/api/tasks/cancel?${params}&preview=true`, {method: 'POST'});
    if (!confirm(`Cancel ${plural(preview.matched, 'unfinished task')} matching ${params}?`)) {
        return;
    }
    const answer = await api(`/api/tasks/cancel?${params}`, {method: 'POST'});
    notify(`Asked to cancel ${answer.cancelled.length} of ${plural(answer.matched, 'unfinished task')}`);
    await loadTasks();
}

// Dead letters

async function loadDead() {
    const queue = $('#dead-queue').value;
    if (!queue) {
        fill($('#dead-table tbody'), [], 7, 'No queues');
        return;
    }
    const current = newest('dead');
    const page = await api(`/api/queues/${encodeURIComponent(queue)}/dead?offset=${state.deadOffset}`
        + `&limit=${DEAD_PAGE_SIZE}`);
    if (!current()) {
        return;
    }
    fill($('#dead-table tbody'), page.entries.map((entry) => el('tr', {'data-task-id': entry.task_id},
        el('td', {}, time(entry.failed_at)),
        el('td', {}, entry.task_id ? taskLink(entry.task_id) : '—'),
        el('td', {}, entry.task_type),
        el('td', {class: 'num'}, entry.attempt ?? ''),
        el('td', {}, entry.worker_id ?? ''),
        el('td', {class: 'error-text'}, entry.reason,
            entry.envelope ? '' : el('details', {}, el('summary', {}, 'unreadable envelope'),
                el('pre', {}, entry.envelope_text ?? ''))),
        // an unreadable envelope cannot run again: the API leaves it in the list
        el('td', {}, entry.task_id && entry.envelope ? el('button', {
            type: 'button', 'data-action': 'requeue',
            onclick: (click) => act(click.currentTarget, () => requeue(queue, {task_ids: [entry.task_id]})),
        }, 'Requeue') : ''),
    )), 7, 'No dead letters');
    $('#dead-total').textContent = `${page.total} dead`;
    $('#dead-info').textContent = page.total
        ? `${state.deadOffset + 1}–${state.deadOffset + page.entries.length} of ${page.total}`
        : '';
    $('#dead-prev').disabled = state.deadOffset === 0;
    $('#dead-next').disabled = state.deadOffset + page.entries.length >= page.total;
    $('#dead-requeue-all').disabled = page.total === 0;
}

async function requeue(queue, body) {
    const answer = await api(`/api/queues/${encodeURIComponent(queue)}/dead/requeue`, {method: 'POST', body});
    const missing = answer.not_found.length ? `; not found: ${answer.not_found.join(', ')}` : '';
    const unreadable = answer.unreadable ? `; ${answer.unreadable} unreadable left in place` : '';
    notify(`Requeued ${answer.requeued.length} from ${queue}${missing}${unreadable}`);
    await Promise.all([loadDead(), loadQueues(),
        answer.requeued.includes(state.openTaskId) ? loadTimeline(state.openTaskId) : null]);
}

function deadFilter() {
    const filter = {};
    for (const [name, value] of new FormData($('#dead-filter'))) {
        if (value.trim()) {
            filter[name] = value.trim();
        }
    }
    return filter;
}

async function requeueMatching() {
    const queue = $('#dead-queue').value;
    const filter = deadFilter();
    const path = `/api/queues/${encodeURIComponent(queue)}/dead/requeue`;
    const preview = await api(path, {method: 'POST', body: {...filter, preview: true}});
    if (confirm(`Requeue ${plural(preview.matched, 'dead letter')} of ${queue}?`)) {
        await requeue(queue, filter);
    }
}

async function deleteMatching() {
    const queue = $('#dead-queue').value;
    const filter = deadFilter();
    const path = `/api/queues/${encodeURIComponent(queue)}/dead/delete`;
    const preview = await api(path, {method: 'POST', body: {...filter, preview: true}});
    if (!confirm(`Delete ${plural(preview.matched, 'dead letter')} of ${queue}? Their tasks stay FAILURE.`)) {
        return;
    }
    const answer = await api(path, {method: 'POST', body: filter});
    notify(`Deleted ${answer.deleted} of ${plural(answer.matched, 'dead letter')} from ${queue}`);
    await Promise.all([loadDead(), loadQueues()]);
}

async function requeueAll() {
    const queue = $('#dead-queue').value;
    if (queue && confirm(`Requeue every dead letter of ${queue}?`)) {
        await requeue(queue, {all: true});
    }
}

// Recovery

async function loadRecovery() {
    const report = await api('/api/recovery/stuck');
    fill($('#stuck-table tbody'), report.stuck.map((task) => el('tr', {'data-task-id': task.task_id},
        el('td', {}, taskLink(task.task_id)),
        el('td', {}, task.queue),
        el('td', {}, status(task.status)),
        el('td', {}, time(task.status_at)),
        el('td', {}, task.reason),
    )), 5, 'Nothing stuck');
    fill($('#conservation-table tbody'), report.conservation.map((row) => el('tr', {
            'data-queue': row.queue, class: row.difference === 0 ? null : 'mismatch',
        },
        el('td', {}, row.queue),
        ...['created', 'terminal', 'waiting', 'in_flight', 'delayed', 'difference'].map((field) =>
            el('td', {class: 'num', 'data-field': field}, row[field])),
    )), 7, 'No queues');
    $('#recovery-warnings').replaceChildren(...report.warnings.map((warning) => el('li', {}, warning)));
}

async function reconcile() {
    const answer = await api('/api/recovery/reconcile', {method: 'POST'});
    const repaired = answer.repaired.length
        ? `Repaired ${answer.repaired.map((task) => `${task.task_id} (${task.reason})`).join(', ')}`
        : 'Nothing to repair';
    $('#reconcile-result').textContent = [repaired, ...answer.warnings].join('; ');
    await loadRecovery();
}

// Wiring

function on(selector, call) {
    $(selector).addEventListener('click', (click) => act(click.currentTarget, call));
}

/** Other pages link here: `#task=<id>` opens that task's timeline, `#session=<id>` lists that session's tasks. */
function followLink() {
    const link = new URLSearchParams(location.hash.slice(1));
    if (link.has('session')) {
        $('#filter-session').value = link.get('session');
        state.taskPage = 0;
    }
    if (link.has('task')) {
        openTimeline(link.get('task'));
    }
}

function start() {
    $('#filter-status').append(...STATUSES.map((name) => el('option', {value: name}, name)));
    $('#task-filter').addEventListener('submit', (submit) => {
        submit.preventDefault();
        state.taskPage = 0;
        act($('#filter-apply'), loadTasks);
    });
    $('#task-filter').addEventListener('reset', () => {
        state.taskPage = 0;
        // after the browser has emptied the fields
        setTimeout(() => act($('#filter-apply'), loadTasks));
    });
    on('#page-prev', () => {
        state.taskPage -= 1;
        return loadTasks();
    });
    on('#page-next', () => {
        state.taskPage += 1;
        return loadTasks();
    });
    on('#replay-matching', replayMatching);
    on('#cancel-matching', cancelMatching);
    on('#dead-requeue-matching', requeueMatching);
    on('#dead-delete-matching', deleteMatching);
    on('#task-cancel', cancelTask);
    on('#task-replay', replayTask);
    $('#timeline-close').addEventListener('click', closeTimeline);
    $('#dead-queue').addEventListener('change', () => {
        state.deadOffset = 0;
        act($('#dead-load'), loadDead);
    });
    on('#dead-load', loadDead);
    on('#dead-prev', () => {
        state.deadOffset = Math.max(0, state.deadOffset - DEAD_PAGE_SIZE);
        return loadDead();
    });
    on('#dead-next', () => {
        state.deadOffset += DEAD_PAGE_SIZE;
        return loadDead();
    });
    on('#dead-requeue-all', requeueAll);
    on('#recovery-load', loadRecovery);
    $('#throughput-hours').addEventListener('change', () =>
        loadThroughput().catch((error) => showError('action', error)));
    on('#reconcile', reconcile);
    window.addEventListener('hashchange', () => {
        followLink();
        loadTasks().catch((error) => showError('action', error));
    });

    showSignedInUser(api).catch((error) => showError('action', error));
    followLink();
    loadTasks().catch((error) => showError('action', error));
    loadRecovery().catch((error) => showError('action', error));
    refresh();
    throughputLoop();
}

start();
