package io.parley.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;
import java.util.regex.Pattern;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

/** What the architecture tests look at: production code of every module, or a handful of fixtures. */
final class ArchitectureImports {

    static final String PRODUCTION_ROOT = "io.parley";
    static final String FIXTURE_ROOT = "io.parley.archfixtures";

    /**
     * Micronaut's annotation processors write bean definitions and introspections ({@code $Foo$Definition},
     * {@code $Foo$Introspection}, ...) next to each class; they are framework output, not our design.
     */
    private static final ImportOption NOT_GENERATED_BY_MICRONAUT = location -> !location.matches(Pattern.compile(".*/\\$[^/]*\\.class$"));

    private static JavaClasses production;
    private static JavaClasses fixtures;

    private ArchitectureImports() {
    }

    /**
     * Every module's main classes (the reactor puts them all on platform/app's test classpath), without
     * test classes (so never the fixtures) and without the platform/testing library, which only tests use.
     */
    static synchronized JavaClasses production() {
        if (production == null) {
            production = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(NOT_GENERATED_BY_MICRONAUT)
                    .importPackages(PRODUCTION_ROOT)
                    .that(not(resideInAPackage(PRODUCTION_ROOT + ".testing..")));
        }
        return production;
    }

    /**
     * Exactly these fixture classes (names relative to {@link #FIXTURE_ROOT}) and their nested classes,
     * out of one import of all fixtures. Every rule judges a class by its own dependencies (or, for
     * slices, by dependencies between the classes given), so the other fixtures cannot interfere.
     */
    static JavaClasses fixtures(List<String> names) {
        List<String> qualified = names.stream().map(name -> FIXTURE_ROOT + "." + name).toList();
        JavaClasses all = allFixtures();
        qualified.forEach(name -> {
            if (!all.contain(name)) {
                throw new IllegalArgumentException("no fixture " + name);
            }
        });
        return all.that(describe("are " + names, c -> qualified.stream().anyMatch(name -> c.getName().equals(name)
                || c.getName().startsWith(name + "$"))));
    }

    /** Every fixture class. */
    static synchronized JavaClasses allFixtures() {
        if (fixtures == null) {
            fixtures = new ClassFileImporter().withImportOption(NOT_GENERATED_BY_MICRONAUT).importPackages(FIXTURE_ROOT);
        }
        return fixtures;
    }
}
