// What the SPLit pages share (served by every service that has split-web, at split-web/page.js): calls to the
// service's own JSON API, whose errors are RFC 9457 problem details, and DOM built from text only.

export const $ = (selector) => document.querySelector(selector);

/** A failed call: the problem detail's title and detail, or what HTTP said when the body is not one. */
export class ApiError extends Error {
    constructor(status, problem) {
        const title = problem?.title ?? `HTTP ${status}`;
        super(problem?.detail ? `${title}: ${problem.detail}` : title);
        this.status = status;
        this.detail = problem?.detail ?? this.message;
    }
}

/** The CSRF token the server keeps in the XSRF-TOKEN cookie, which every change a page makes sends back. */
export function csrfToken() {
    const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
}

const SAFE_METHODS = ['GET', 'HEAD'];

/**
 * The API of the service that served the page, with the session's cookie: `service` names it when it does not answer.
 * A session that has ended (401) sends the user to the login form, and back here once signed in.
 */
export function apiClient(service) {
    return async function api(path, {method = 'GET', body} = {}) {
        // X-Requested-With: a 401 without a Basic challenge, which would open the browser's password dialog
        const sent = {Accept: 'application/json, application/problem+json', 'X-Requested-With': 'split-web'};
        if (body !== undefined) {
            sent['Content-Type'] = 'application/json';
        }
        if (!SAFE_METHODS.includes(method)) {
            sent['X-XSRF-TOKEN'] = csrfToken() ?? '';
        }
        let response;
        try {
            response = await fetch(path, {
                method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body)});
        } catch (error) {
            throw new ApiError(0, {title: `${service} does not answer`, detail: error.message});
        }
        const text = await response.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch {
            // a proxy's HTML error page: the status line is all there is to show
        }
        if (response.status === 401) {
            location.assign('/login');
        }
        if (!response.ok) {
            throw new ApiError(response.status, json);
        }
        return json;
    };
}

const loads = {};

/** Starts a load of `what`; the check it returns fails once a newer load has started, since answers can overtake. */
export function newest(what) {
    const ticket = (loads[what] ?? 0) + 1;
    loads[what] = ticket;
    return () => loads[what] === ticket;
}

// Text nodes only: names, reasons, errors and envelopes are whatever users and tasks wrote.
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name === 'onclick') {
            node.addEventListener('click', value);
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    for (const child of children) {
        node.append(child instanceof Node ? child : String(child ?? ''));
    }
    return node;
}

export function fill(tbody, rows, columns, emptyText) {
    tbody.replaceChildren(...(rows.length
        ? rows
        : [el('tr', {class: 'empty'}, el('td', {colspan: columns}, emptyText))]));
}

// Milliseconds are shown; the datetime attribute keeps the instant as the API gave it (events carry nanoseconds).
export function time(iso, absent = '') {
    return iso ? el('time', {datetime: iso}, iso.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1')) : absent;
}

export function duration(ms) {
    if (ms === null || ms === undefined) {
        return '—';
    }
    if (ms < 1000) {
        return `${ms} ms`;
    }
    if (ms < 60_000) {
        return `${(ms / 1000).toFixed(1)} s`;
    }
    if (ms < 3_600_000) {
        return `${Math.floor(ms / 60_000)} min ${Math.floor(ms / 1000) % 60} s`;
    }
    return `${Math.floor(ms / 3_600_000)} h ${Math.floor(ms / 60_000) % 60} min`;
}

export function status(value) {
    return value ? el('span', {class: 'status', 'data-status': value}, value) : '';
}

/** Puts the signed-in user's name and a sign-out button in the page's header, once `api` has said who it is. */
export async function showSignedInUser(api) {
    const me = await api('/api/me');
    const form = el('form', {method: 'post', action: '/logout', class: 'sign-out'},
        el('span', {class: 'muted'}, me.name),
        el('input', {type: 'hidden', name: '_csrf'}),
        el('button', {type: 'submit'}, 'Sign out'));
    form.addEventListener('submit', () => {
        form.elements._csrf.value = csrfToken() ?? '';
    });
    $('header').append(form);
}
