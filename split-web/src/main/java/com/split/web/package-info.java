/** What every SPLit HTTP API shares: parameter parsing into 400 problem details, 409 and 503 problems, OpenAPI. */
@NullMarked
package com.split.web;

import org.jspecify.annotations.NullMarked;
