package com.split.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that keep the modules apart, checked on every module's compiled main classes (their
 * {@code target/classes}, which the reactor has built before this module).
 */
class ArchitectureTests {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** Each service's root package. */
    static final List<String> SERVICES = List.of(
            "com.split.portfolio",
            "com.split.orchestrator",
            "com.split.yahoo",
            "com.split.initfilter",
            "com.split.finalsel",
            "com.split.events",
            "com.split.logsrv");

    /**
     * The bus's inside: its connections, key names, scripts and settlements. Services go through the public API
     * ({@code TaskPublisher}, {@code TaskHandler}, {@code TaskRecovery}, {@code QueueInspector}, {@code BusStreams},
     * {@code RedisState}, …) so that the bus can change inside without touching them.
     */
    static final Set<String> BUS_INTERNALS = Set.of(
            "com.split.tasks.bus.BusRedis",
            "com.split.tasks.bus.RedisKeys",
            "com.split.tasks.bus.BusScripts",
            "com.split.tasks.bus.ScriptArgs",
            "com.split.tasks.bus.Settlement",
            "com.split.tasks.bus.worker.BusParts");

    static final JavaClasses MAIN = importMainClasses();

    static JavaClasses importMainClasses() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> classes = modules.map(module -> module.resolve("target/classes"))
                    .filter(Files::isDirectory)
                    .toList();
            return new ClassFileImporter().importPaths(classes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> services() {
        return SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void noServiceImportsAnother(String service) {
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> other + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(service + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .check(MAIN);
    }

    @Test
    void servicesUseTheBusOnlyThroughItsPublicApi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        SERVICES.stream().map(service -> service + "..").toArray(String[]::new))
                .should()
                .dependOnClassesThat(busInternals())
                .check(MAIN);
    }

    @Test
    void theBusDependsOnNoService() {
        noClasses()
                .that()
                .resideInAPackage("com.split.tasks..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        SERVICES.stream().map(service -> service + "..").toArray(String[]::new))
                .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.split.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyModuleWasImported() {
        org.assertj.core.api.Assertions.assertThat(MAIN.stream().map(JavaClass::getPackageName))
                .as("classes of the bus and of every service")
                .anyMatch(name -> name.startsWith("com.split.tasks.bus"))
                .anyMatch(name -> SERVICES.stream().allMatch(service -> MAIN.containPackage(service)));
    }

    private static DescribedPredicate<JavaClass> busInternals() {
        return DescribedPredicate.describe(
                "are inside the bus " + BUS_INTERNALS,
                type -> BUS_INTERNALS.contains(
                        type.getEnclosingClass().orElse(type).getName()));
    }
}
