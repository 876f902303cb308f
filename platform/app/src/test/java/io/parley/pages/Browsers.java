package io.parley.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium driven through Debian's chromedriver, headless, offline: no driver download, no
 * browser download, no network but the loopback address of the service under test. `.ci/run` installs
 * both packages; where they are missing the tests fail with the command that installs them.
 */
final class Browsers {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([^\"]+)\"");
    private static final Pattern METHOD_AND_URL = Pattern.compile("\"method\":\"([A-Z]+)\".*?\"url\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":(\\d+)");

    private Browsers() {
    }

    /** A fresh headless browser with its own profile, at the given window size. */
    static ChromeDriver start(int width, int height) {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: the browser tests drive Debian's Chromium. Install it with "
                        + "`apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does this by itself).");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile,
                "--window-size=" + Math.max(width, 600) + "," + height, "--lang=en-US");
        if (width < 500) {
            // a desktop window cannot be narrower than about 500 px: a phone's screen is emulated instead
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", false)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    static WebDriverWait waiting(WebDriver driver) {
        return waiting(driver, WAIT);
    }

    static WebDriverWait waiting(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(25));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static <T> T await(WebDriver driver, String what, ExpectedCondition<T> condition) {
        return waiting(driver).withMessage(what).until(condition);
    }

    /** The first element matching the selector whose text is exactly {@code text}, once there. */
    static ExpectedCondition<WebElement> elementWithText(By selector, String text) {
        return driver -> first(driver.findElements(selector), text).orElse(null);
    }

    static Optional<WebElement> first(List<WebElement> elements, String text) {
        return elements.stream().filter(e -> text.equals(e.getText().strip())).findFirst();
    }

    static void screenshot(WebDriver driver, String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object script(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** What the page wrote to the console since the last call (errors, CSP violations). */
    static List<LogEntry> consoleLog(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * The browser's requests since the last call, one line each with its status and whether it ended
     * ("open" for a response still streaming or never answered): what to read when a page waited forever.
     */
    static void writeNetworkLog(WebDriver driver, String name) {
        Map<String, String[]> requests = new LinkedHashMap<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            String message = entry.getMessage();
            Matcher id = REQUEST_ID.matcher(message);
            if (!id.find()) {
                continue;
            }
            if (message.contains("\"Network.requestWillBeSent\"")) {
                Matcher request = METHOD_AND_URL.matcher(message);
                boolean found = request.find(Math.max(0, message.indexOf("\"request\":{")));
                requests.put(id.group(1), new String[] {entry.getTimestamp() + " " + (found ? request.group(1) + " " + request.group(2) : "?"),
                        "-", "open"});
            } else if (message.contains("\"Network.responseReceived\"") && requests.containsKey(id.group(1))) {
                Matcher status = STATUS.matcher(message);
                requests.get(id.group(1))[1] = status.find() ? status.group(1) : "?";
            } else if ((message.contains("\"Network.loadingFinished\"") || message.contains("\"Network.loadingFailed\""))
                    && requests.containsKey(id.group(1))) {
                requests.get(id.group(1))[2] = message.contains("loadingFailed") ? "failed" : "done";
            }
        }
        StringBuilder out = new StringBuilder();
        requests.values().forEach(r -> out.append(r[0]).append(' ').append(r[1]).append(' ').append(r[2]).append('\n'));
        try {
            Files.writeString(SCREENSHOTS.resolve(name + ".txt"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void quit(WebDriver driver) {
        if (driver != null) {
            driver.quit();
        }
    }
}
