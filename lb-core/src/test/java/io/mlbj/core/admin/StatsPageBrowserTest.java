package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The stats page in headless Chromium (Debian's chromium + chromium-driver), after real traffic. */
class StatsPageBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @Test
    void tablesShowFrontendsBackendsAndServerStates() throws IOException {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "headless Chromium not installed (apt-get install -y chromium chromium-driver; .ci/run does it)");
        Path profile = Files.createTempDirectory("stats-chromium-");
        try (AdminFixture fx = new AdminFixture(AdminOptions.DEFAULTS)) {
            assertThat(fx.appTraffic(12)).isEqualTo(12);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1600,1200", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().build();
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                browser.get(fx.statsUrl("/haproxy?stats"));
                assertThat(browser.getTitle()).isEqualTo("Statistics Report");
                List<String> tables = browser.findElements(By.cssSelector("table.proxy")).stream()
                        .map(t -> t.getAttribute("id")).collect(Collectors.toList());
                assertThat(tables).containsExactly("px-stats", "px-app_in", "px-app_be");

                WebElement app = browser.findElement(By.id("px-app_be"));
                assertThat(status(app, "srv1")).startsWith("UP");
                assertThat(status(app, "srv2")).isEqualTo("no check");
                assertThat(status(app, "srv3")).isEqualTo("MAINT");
                assertThat(status(app, "BACKEND")).isEqualTo("UP");
                assertThat(app.findElements(By.cssSelector("tr.server"))).hasSize(4);
                // Cookie column of srv2 (HAProxy's "Cookie" column, 2nd to last but one).
                assertThat(cells(app, "srv2")).contains("s2");

                WebElement fe = browser.findElement(By.id("px-app_in"));
                List<String> feCells = cells(fe, "FRONTEND");
                // Columns: name, queue cur/max, rate cur/max, sessions cur/max/limit/total, bytes in/out, ... 2xx at 17.
                assertThat(feCells.get(17)).isEqualTo("12");
                assertThat(Long.parseLong(feCells.get(10))).isPositive();
                assertThat(browser.findElement(By.cssSelector("#latency tr.latency[data-name='app_be']")).getText())
                        .contains("app_be");

                Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
                Path target = Path.of("target", "stats-page.png");
                Files.createDirectories(target.getParent());
                Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(target)).isGreaterThan(1000);
            } finally {
                browser.quit();
            }
        } finally {
            deleteTree(profile);
        }
    }

    private static String status(WebElement table, String name) {
        return table.findElement(By.cssSelector("tr[data-name='" + name + "'] td.status")).getText();
    }

    private static List<String> cells(WebElement table, String name) {
        return table.findElements(By.cssSelector("tr[data-name='" + name + "'] td")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
