/** Test support for the services' HTTP APIs, shipped as split-web's test-jar. */
@NullMarked
package com.split.web.test;

import org.jspecify.annotations.NullMarked;
