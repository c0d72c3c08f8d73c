/** Who may call a SPLit service: users, machine tokens and JWTs, one role per request, CSRF, problem details. */
@NullMarked
package com.split.web.security;

import org.jspecify.annotations.NullMarked;
