/** What every API of event-srv shares: parameter parsing, problem details, the OpenAPI description. */
@NullMarked
package com.split.events.web;

import org.jspecify.annotations.NullMarked;
