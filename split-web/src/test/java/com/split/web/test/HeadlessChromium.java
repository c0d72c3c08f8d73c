package com.split.web.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Chromium and chromedriver installed on this machine, headless, for the services' page tests. Without them a
 * test fails with what to install; it does not skip.
 */
public final class HeadlessChromium {

    private static final Duration LOGIN_PATIENCE = Duration.ofSeconds(10);

    private HeadlessChromium() {}

    /** A new headless browser with a window of {@code width} × {@code height}; quit it when done. */
    public static WebDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=%d,%d".formatted(width, height))
                .setBinary(executable("chromium", "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
                        .toFile());
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(executable("chromedriver", "/usr/bin/chromedriver", "chromedriver")
                        .toFile())
                .build();
        return new ChromeDriver(driver, options);
    }

    /**
     * Waits for the condition on a page of SPLit's: the page re-renders as it refreshes, so a stale element is tried
     * again, and a timeout quotes the page's error banner ({@code #error}).
     */
    public static <T> T waitFor(WebDriver browser, Duration patience, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, patience)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "page error banner: '%s'"
                        .formatted(browser.findElement(By.id("error")).getText()))
                .until(condition);
    }

    /**
     * Signs {@code user} in through the service's login form at {@code baseUrl} and lands on {@code page}: the session
     * cookie then carries the browser's calls, as it does a user's.
     */
    public static void logIn(WebDriver browser, String baseUrl, TestUsers user, String page) {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl + page);
        new WebDriverWait(browser, LOGIN_PATIENCE)
                .until(driver -> driver.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("username")).sendKeys(user.user());
        browser.findElement(By.id("password")).sendKeys(user.password());
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, LOGIN_PATIENCE)
                .withMessage(() -> "signing in as %s did not lead back to %s".formatted(user.user(), page))
                .until(driver -> !driver.getCurrentUrl().contains("/login"));
    }

    /** The well-known path where the Debian packages put it, else the first of the names on the PATH. */
    private static Path executable(String what, String wellKnown, String... names) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .flatMap(entry -> Stream.of(names).map(name -> Path.of(entry, name)));
        return Stream.concat(Stream.of(Path.of(wellKnown)), onPath)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "The page test needs %s, found neither %s nor any of %s on the PATH. Install it: `apt-get install chromium chromium-driver` on Debian/Ubuntu (`bash .ci/run` installs it on CI)."
                                .formatted(what, wellKnown, List.of(names))));
    }
}
