// The login form posts with the CSRF token, which the server puts in the XSRF-TOKEN cookie as it serves the form.

import {$, csrfToken} from './page.js';

const query = new URLSearchParams(location.search);
$('#login-error').hidden = !query.has('error');
$('#logged-out').hidden = !query.has('logout');
$('#login-form').addEventListener('submit', () => {
    $('#csrf').value = csrfToken() ?? '';
});
