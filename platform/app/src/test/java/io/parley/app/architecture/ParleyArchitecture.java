package io.parley.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of docs/architecture.md ("Rules enforced by ArchUnit"), written once over a root package so
 * the same definitions check production code ({@code io.parley}) and the fixtures that prove each
 * rule bites ({@code io.parley.archfixtures}).
 *
 * <p>Under the root, the first package is a <em>unit</em>: {@code kernel}, {@code app} (the
 * deployable) or a module; inside a module the rest of the package is its <em>layer</em>:
 * {@code api}, {@code domain}, {@code application.port.in}, {@code application.port.out},
 * {@code application.service}, {@code adapter.in.web}, {@code adapter.out.persistence}, ...
 */
final class ParleyArchitecture {

    static final String KERNEL = "kernel";
    static final String APP = "app";
    /** platform/live (LISTEN/NOTIFY, event streams): like the kernel, every module and the app may use it; it uses only the kernel. */
    static final String LIVE = "live";

    /**
     * The only module graph: which modules' {@code api} each module may use. Besides these edges,
     * every module uses the kernel and platform/app uses every module's {@code api} (it wires them). A new
     * module is added here.
     */
    static final Map<String, Set<String>> MODULES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "conversation", Set.of(),
            "knowledge", Set.of(),
            "chat", Set.of("conversation", "knowledge"),
            "ticketing", Set.of("conversation"),
            "tracing", Set.of("conversation"),
            "retention", Set.of("conversation", "ticketing", "tracing"))));

    /** The rules, numbered as in docs/architecture.md. */
    enum Rule {
        R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL(ParleyArchitecture::domainImportsOnlyJavaAndTheKernel),
        R1_DOMAIN_IS_USED_ONLY_BY_ITS_OWN_APPLICATION_AND_ADAPTERS(ParleyArchitecture::domainIsUsedOnlyByItsOwnApplicationAndAdapters),
        R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA(ParleyArchitecture::applicationDoesNotImportAdaptersHttpOrData),
        R2_INBOUND_AND_OUTBOUND_PORTS_DO_NOT_IMPORT_EACH_OTHER(ParleyArchitecture::inboundAndOutboundPortsDoNotImportEachOther),
        R3_ADAPTERS_DO_NOT_IMPORT_EACH_OTHER(ParleyArchitecture::adaptersDoNotImportEachOther),
        R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API(ParleyArchitecture::aModuleReachesAnotherOnlyThroughItsApi),
        R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API(ParleyArchitecture::appUsesNothingOfAModuleButItsApi),
        R4_ONLY_THE_DECLARED_MODULE_GRAPH(ParleyArchitecture::onlyTheDeclaredModuleGraph),
        R4_NO_CYCLES_BETWEEN_UNITS(ParleyArchitecture::noCyclesBetweenUnits),
        R4_API_IS_A_STABLE_CONTRACT(ParleyArchitecture::apiIsAStableContract),
        R5_CONTROLLERS_ONLY_IN_WEB_ADAPTERS(ParleyArchitecture::controllersOnlyInWebAdapters),
        R5_REPOSITORIES_AND_ENTITIES_ONLY_IN_PERSISTENCE_ADAPTERS(ParleyArchitecture::repositoriesAndEntitiesOnlyInPersistenceAdapters),
        R5_KERNEL_IMPORTS_NO_MODULE_AND_NO_MICRONAUT(ParleyArchitecture::kernelImportsNoModuleAndNoMicronaut),
        R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE(ParleyArchitecture::controllersAndPersistenceAdaptersArePackagePrivate),
        R6_ADAPTERS_EXPOSE_NOTHING_PUBLIC(ParleyArchitecture::adaptersExposeNothingPublic),
        C1_ONE_TRANSACTIONAL_ANNOTATION(ParleyArchitecture::oneTransactionalAnnotation),
        C2_WIRE_DTOS_NAMED_REQUEST_OR_RESPONSE(ParleyArchitecture::wireDtosNamedRequestOrResponse);

        private final Function<ParleyArchitecture, ArchRule> definition;

        Rule(Function<ParleyArchitecture, ArchRule> definition) {
            this.definition = definition;
        }

        ArchRule over(ParleyArchitecture architecture) {
            return definition.apply(architecture);
        }
    }

    private final String root;

    private ParleyArchitecture(String root) {
        this.root = root;
    }

    static ParleyArchitecture rootedAt(String rootPackage) {
        return new ParleyArchitecture(rootPackage);
    }

    // ---- 1. domain imports only java.* and io.parley.kernel: no Micronaut, Jakarta, JDBC ----

    ArchRule domainImportsOnlyJavaAndTheKernel() {
        return classes().that(areInAModuleLayer("domain"))
                .should(onlyHaveDependenciesWhere(targetIs(plainJava().or(inUnit(KERNEL))).or(withinTheOriginsDomain())))
                .as("1. a module's domain imports only java.* (not java.sql) and the kernel");
    }

    ArchRule domainIsUsedOnlyByItsOwnApplicationAndAdapters() {
        return classes().that(resideInAPackage(root + ".."))
                .should(onlyHaveDependenciesWhere(not(intoADomainFromOutsideItsModulesLayers("domain", "application", "adapter"))))
                .as("1. a module's domain is used only by that module's domain, application and adapters");
    }

    // ---- 2. application does not import adapter, io.micronaut.http or io.micronaut.data; ports do not import each other ----

    ArchRule applicationDoesNotImportAdaptersHttpOrData() {
        return noClasses().that(areInAModuleLayer("application"))
                .should().dependOnClassesThat(areInAModuleLayer("adapter").or(resideInAnyPackage("io.micronaut.http..", "io.micronaut.data..")))
                .as("2. application does not import adapters, io.micronaut.http or io.micronaut.data "
                        + "(jakarta.inject and transaction annotations are fine)");
    }

    ArchRule inboundAndOutboundPortsDoNotImportEachOther() {
        return classes().that(areInAModuleLayer("application.port"))
                .should(onlyHaveDependenciesWhere(not(fromLayerToLayer("application.port.in", "application.port.out")
                        .or(fromLayerToLayer("application.port.out", "application.port.in")))))
                .as("2. port.in and port.out do not import each other");
    }

    // ---- 3. adapters do not import each other ----

    ArchRule adaptersDoNotImportEachOther() {
        return slices().matching(root + ".(*).adapter.(*).(*)..").namingSlices("$1 adapter.$2.$3")
                .should().notDependOnEachOther()
                .as("3. adapters do not import each other (web never touches persistence)");
    }

    // ---- 4. modules reach each other only through api, along the declared graph, without cycles; api is a stable contract ----

    ArchRule aModuleReachesAnotherOnlyThroughItsApi() {
        return classes().that(areInAModule())
                .should(onlyHaveDependenciesWhere(not(intoAnotherModuleOutsideItsApi())))
                .as("4. a module reaches another module only through its api package");
    }

    ArchRule appUsesNothingOfAModuleButItsApi() {
        return classes().that(inUnit(APP))
                .should(onlyHaveDependenciesWhere(not(intoAModuleOutsideItsApi())))
                .as("4. platform/app uses nothing of a module but its api: it wires the modules, the modules do the work");
    }

    ArchRule onlyTheDeclaredModuleGraph() {
        return classes().that(resideInAPackage(root + ".."))
                .should(onlyHaveDependenciesWhere(alongTheDeclaredGraph()))
                .as("4. the only unit graph: " + describeGraph());
    }

    ArchRule noCyclesBetweenUnits() {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .as("4. no cycles between modules, kernel and app");
    }

    ArchRule apiIsAStableContract() {
        return noClasses().that(areInAModuleLayer("api"))
                .should().dependOnClassesThat(areInAModuleLayer("domain").or(areInAModuleLayer("application")).or(areInAModuleLayer("adapter")))
                .as("4. a module's api imports nothing of a domain, application or adapter: it is a stable contract");
    }

    // ---- 5. where Micronaut's stereotypes may live; the kernel stands alone ----

    ArchRule controllersOnlyInWebAdapters() {
        return noClasses().that(not(areInAModuleLayer("adapter.in.web")).and(not(resideInAPackage(root + "." + APP + ".web.."))))
                .should().beMetaAnnotatedWith(Controller.class)
                .as("5. @Controller only in a module's adapter.in.web (and platform/app's own operational controllers in app.web)");
    }

    ArchRule repositoriesAndEntitiesOnlyInPersistenceAdapters() {
        return noClasses().that(not(areInAModuleLayer("adapter.out.persistence")))
                .should().beMetaAnnotatedWith(JdbcRepository.class)
                .orShould().beMetaAnnotatedWith(MappedEntity.class)
                .as("5. @JdbcRepository and @MappedEntity only in a module's adapter.out.persistence");
    }

    ArchRule kernelImportsNoModuleAndNoMicronaut() {
        return noClasses().that(inUnit(KERNEL))
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(inUnit(KERNEL))))
                .orShould().dependOnClassesThat(resideInAPackage("io.micronaut.."))
                .as("5. the kernel imports no module (nothing else of " + root + ") and nothing of Micronaut");
    }

    // ---- 6. only ports, use cases, services, domain and api types are public ----

    ArchRule controllersAndPersistenceAdaptersArePackagePrivate() {
        return noClasses().that(areControllersRepositoriesOrEntities().or(areInAModuleLayer("adapter.out.persistence")))
                .should(bePublic())
                .as("6. controllers, repositories, mapped entities and persistence adapters are package-private");
    }

    ArchRule adaptersExposeNothingPublic() {
        return noClasses().that(areInAModuleLayer("adapter"))
                .should(bePublic())
                .as("6. adapters expose nothing public: only api, ports, use cases, services and domain types are public");
    }

    // ---- conventions (docs/architecture.md, "Conventions") ----

    ArchRule oneTransactionalAnnotation() {
        return noClasses().that(resideInAPackage(root + ".."))
                .should().dependOnClassesThat(resideInAPackage("jakarta.transaction.."))
                .as("conventions: one Transactional, io.micronaut.transaction.annotation.Transactional (never jakarta.transaction)");
    }

    ArchRule wireDtosNamedRequestOrResponse() {
        return classes().that(areInAModuleLayer("adapter.in.web").and(annotatedWith(Schema.class)))
                .should().haveSimpleNameEndingWith("Request").orShould().haveSimpleNameEndingWith("Response")
                .as("conventions: a wire DTO (a @Schema type of adapter.in.web) is named <Thing>Request (what a client sends) "
                        + "or <Thing>Response (what it gets back)");
    }

    // ---- the vocabulary ----

    /** The unit (kernel, app, a module) and the layer inside it of a class under the root. */
    record Place(String unit, String layer) {

        boolean isIn(String layerPrefix) {
            return layer.equals(layerPrefix) || layer.startsWith(layerPrefix + ".");
        }
    }

    Optional<Place> placeOf(JavaClass javaClass) {
        String packageName = javaClass.getBaseComponentType().getPackageName();
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String[] segments = packageName.substring(root.length() + 1).split("\\.");
        return Optional.of(new Place(segments[0], String.join(".", Arrays.copyOfRange(segments, 1, segments.length))));
    }

    private static boolean isModule(String unit) {
        return MODULES.containsKey(unit);
    }

    private boolean isInModuleLayer(JavaClass javaClass, String layer) {
        return placeOf(javaClass).filter(p -> isModule(p.unit()) && p.isIn(layer)).isPresent();
    }

    private DescribedPredicate<JavaClass> areInAModule() {
        return describe("are in a module", c -> placeOf(c).filter(p -> isModule(p.unit())).isPresent());
    }

    private DescribedPredicate<JavaClass> areInAModuleLayer(String layer) {
        return describe("are in a module's " + layer, c -> isInModuleLayer(c, layer));
    }

    private DescribedPredicate<JavaClass> inUnit(String unit) {
        return describe("are in " + root + "." + unit, c -> placeOf(c).filter(p -> p.unit().equals(unit)).isPresent());
    }

    private static DescribedPredicate<JavaClass> plainJava() {
        return describe("are java.* but not JDBC", c -> {
            String packageName = c.getBaseComponentType().getPackageName();
            return (packageName.equals("java") || packageName.startsWith("java.")) && !packageName.startsWith("java.sql");
        });
    }

    private static DescribedPredicate<Dependency> targetIs(DescribedPredicate<JavaClass> predicate) {
        return describe("the target " + predicate.getDescription(), d -> predicate.test(d.getTargetClass()));
    }

    private DescribedPredicate<Dependency> withinTheOriginsDomain() {
        return describe("the target is in the same module's domain", d -> {
            Optional<Place> origin = placeOf(d.getOriginClass());
            Optional<Place> target = placeOf(d.getTargetClass());
            return origin.isPresent() && target.isPresent() && origin.get().unit().equals(target.get().unit()) && target.get().isIn("domain");
        });
    }

    private DescribedPredicate<Dependency> intoADomainFromOutsideItsModulesLayers(String... layers) {
        return describe("the target is in a module's domain and the origin is not in that module's " + String.join(", ", layers), d -> {
            if (!isInModuleLayer(d.getTargetClass(), "domain")) {
                return false;
            }
            String targetModule = placeOf(d.getTargetClass()).orElseThrow().unit();
            Optional<Place> origin = placeOf(d.getOriginClass());
            return origin.isEmpty() || !origin.get().unit().equals(targetModule) || Arrays.stream(layers).noneMatch(origin.get()::isIn);
        });
    }

    private DescribedPredicate<Dependency> fromLayerToLayer(String from, String to) {
        return describe("from " + from + " to " + to,
                d -> isInModuleLayer(d.getOriginClass(), from) && isInModuleLayer(d.getTargetClass(), to));
    }

    private DescribedPredicate<Dependency> intoAnotherModuleOutsideItsApi() {
        return describe("the target is in another module outside its api", d -> {
            Optional<Place> origin = placeOf(d.getOriginClass());
            Optional<Place> target = placeOf(d.getTargetClass());
            return origin.isPresent() && target.isPresent() && isModule(target.get().unit())
                    && !origin.get().unit().equals(target.get().unit()) && !target.get().isIn("api");
        });
    }

    private DescribedPredicate<Dependency> intoAModuleOutsideItsApi() {
        return describe("the target is in a module outside its api", d -> placeOf(d.getTargetClass())
                .filter(target -> isModule(target.unit()) && !target.isIn("api")).isPresent());
    }

    private DescribedPredicate<Dependency> alongTheDeclaredGraph() {
        return describe("the target is outside " + root + " or its unit may be used by the origin's", d -> {
            Optional<Place> target = placeOf(d.getTargetClass());
            if (target.isEmpty()) {
                return true;
            }
            String from = placeOf(d.getOriginClass()).map(Place::unit).orElse("");
            String to = target.get().unit();
            return from.equals(to) || mayUse(from, to);
        });
    }

    /** The unit graph the rules enforce (also drawn by ModuleDiagramTest): may {@code from} use {@code to}? */
    static boolean mayUse(String from, String to) {
        if (from.equals(LIVE)) {
            return to.equals(KERNEL);
        }
        if (to.equals(LIVE)) {
            return from.equals(APP) || isModule(from);
        }
        if (from.equals(APP)) {
            return to.equals(KERNEL) || isModule(to);
        }
        if (isModule(from)) {
            return to.equals(KERNEL) || MODULES.get(from).contains(to);
        }
        return false;
    }

    private static String describeGraph() {
        StringBuilder graph = new StringBuilder();
        MODULES.forEach((module, uses) -> uses.forEach(used -> graph.append(module).append(" -> ").append(used).append(".api, ")));
        return graph.append(APP).append(" -> every module, every module -> ").append(KERNEL)
                .append(", every module and ").append(APP).append(" -> ").append(LIVE).append(" -> ").append(KERNEL).toString();
    }

    private static DescribedPredicate<JavaClass> areControllersRepositoriesOrEntities() {
        return describe("are @Controller, @JdbcRepository or @MappedEntity classes",
                c -> c.isMetaAnnotatedWith(Controller.class) || c.isMetaAnnotatedWith(JdbcRepository.class)
                        || c.isMetaAnnotatedWith(MappedEntity.class));
    }

    /** Public and reachable as such: a public record nested in a package-private controller is not. */
    private static ArchCondition<JavaClass> bePublic() {
        return new ArchCondition<>("be public") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                events.add(new SimpleConditionEvent(javaClass, isEffectivelyPublic(javaClass),
                        "Class <" + javaClass.getName() + "> is public" + (javaClass.getEnclosingClass().isPresent() ? " and so is every class enclosing it" : "")));
            }
        };
    }

    private static boolean isEffectivelyPublic(JavaClass javaClass) {
        return javaClass.getModifiers().contains(JavaModifier.PUBLIC)
                && javaClass.getEnclosingClass().map(ParleyArchitecture::isEffectivelyPublic).orElse(true);
    }
}
