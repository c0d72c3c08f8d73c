package com.split.web.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form, a static page of split-web: the form posts to Spring Security's login, with the CSRF token. */
@Controller
final class LoginPage {

    @GetMapping(SplitSecurityAutoConfiguration.LOGIN_PAGE)
    String loginForm() {
        return "forward:/split-web/login.html";
    }
}
