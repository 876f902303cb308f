package io.parley.app.architecture;

import com.tngtech.archunit.lang.EvaluationResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import io.parley.app.architecture.ParleyArchitecture.Rule;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.parley.app.architecture.ArchitectureImports.FIXTURE_ROOT;
import static io.parley.app.architecture.ParleyArchitecture.Rule.C1_ONE_TRANSACTIONAL_ANNOTATION;
import static io.parley.app.architecture.ParleyArchitecture.Rule.C2_WIRE_DTOS_NAMED_REQUEST_OR_RESPONSE;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R1_DOMAIN_IS_USED_ONLY_BY_ITS_OWN_APPLICATION_AND_ADAPTERS;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R2_INBOUND_AND_OUTBOUND_PORTS_DO_NOT_IMPORT_EACH_OTHER;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R3_ADAPTERS_DO_NOT_IMPORT_EACH_OTHER;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R4_API_IS_A_STABLE_CONTRACT;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R4_NO_CYCLES_BETWEEN_UNITS;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R4_ONLY_THE_DECLARED_MODULE_GRAPH;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R5_CONTROLLERS_ONLY_IN_WEB_ADAPTERS;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R5_KERNEL_IMPORTS_NO_MODULE_AND_NO_MICRONAUT;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R5_REPOSITORIES_AND_ENTITIES_ONLY_IN_PERSISTENCE_ADAPTERS;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R6_ADAPTERS_EXPOSE_NOTHING_PUBLIC;
import static io.parley.app.architecture.ParleyArchitecture.Rule.R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule bites: checked with the same definitions over a miniature Parley in
 * {@code io.parley.archfixtures}, each rule reports the fixture class written to break it (given to
 * the rule alone, with only what the rule needs to see), and lets through the fixtures that show
 * what the rule allows, so the rules are neither toothless nor stricter than docs/architecture.md.
 */
class RulesBiteTest {

    private static final ParleyArchitecture FIXTURES = ParleyArchitecture.rootedAt(FIXTURE_ROOT);

    /** {@code breaker} breaks {@code rule}; {@code context} are the other classes the rule must see. */
    record Breach(Rule rule, String breaker, List<String> context) {
        @Override
        public String toString() {
            return rule + " reports " + breaker;
        }
    }

    record Allowed(Rule rule, List<String> fixtures) {
        @Override
        public String toString() {
            return rule + " allows " + String.join(" + ", fixtures);
        }
    }

    static Stream<Breach> breaches() {
        return Stream.of(
                breach(R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL, "conversation.domain.DomainUsingMicronaut"),
                breach(R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL, "conversation.domain.DomainUsingJakarta"),
                breach(R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL, "conversation.domain.DomainUsingJdbc"),
                breach(R1_DOMAIN_IS_USED_ONLY_BY_ITS_OWN_APPLICATION_AND_ADAPTERS, "conversation.api.ApiExposingDomain", "conversation.domain.Conversation"),
                breach(R1_DOMAIN_IS_USED_ONLY_BY_ITS_OWN_APPLICATION_AND_ADAPTERS, "app.AppUsingDomain", "conversation.domain.Conversation"),
                breach(R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA, "conversation.application.service.ServiceUsingAdapter"),
                breach(R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA, "conversation.application.service.ServiceUsingHttp"),
                breach(R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA, "conversation.application.service.ServiceUsingMicronautData"),
                breach(R2_INBOUND_AND_OUTBOUND_PORTS_DO_NOT_IMPORT_EACH_OTHER, "conversation.application.port.in.UseCaseUsingOutPort"),
                breach(R2_INBOUND_AND_OUTBOUND_PORTS_DO_NOT_IMPORT_EACH_OTHER, "conversation.application.port.out.OutPortUsingCommand"),
                breach(R3_ADAPTERS_DO_NOT_IMPORT_EACH_OTHER, "conversation.adapter.in.web.ControllerUsingPersistence",
                        "conversation.adapter.out.persistence.PublicPersistenceAdapter"),
                breach(R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API, "ticketing.adapter.out.conversation.ConversationPortReader"),
                breach(R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API, "app.AppReachingIntoAnAdapter"),
                breach(C1_ONE_TRANSACTIONAL_ANNOTATION, "ticketing.application.service.ServiceWithJakartaTransactional"),
                breach(C2_WIRE_DTOS_NAMED_REQUEST_OR_RESPONSE, "conversation.adapter.in.web.StartConversationBody"),
                breach(C2_WIRE_DTOS_NAMED_REQUEST_OR_RESPONSE, "conversation.adapter.in.web.WireDtosOfOtherNames"),
                breach(R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API, "app.AppUsingApplication"),
                breach(R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API, "app.AppUsingDomain"),
                breach(R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API, "chat.application.service.ChatTurnUsingConversationDomain",
                        "conversation.domain.Conversation"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "tracing.adapter.out.ticketing.TicketApiClient"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "knowledge.adapter.out.conversation.KnowledgeUsingConversationApi",
                        "conversation.api.ConversationApi"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "conversation.application.service.ServiceUsingKnowledgeApi", "knowledge.api.KnowledgeApi"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "billing.Invoice"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "kernel.KernelUsingModule"),
                breach(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "live.LiveUsingModule"),
                breach(R4_NO_CYCLES_BETWEEN_UNITS, "conversation.api.CyclicConversationApi", "tracing.api.CyclicTracingApi"),
                breach(R4_API_IS_A_STABLE_CONTRACT, "conversation.api.ApiExposingDomain"),
                breach(R4_API_IS_A_STABLE_CONTRACT, "conversation.api.ApiUsingApplication"),
                breach(R5_CONTROLLERS_ONLY_IN_WEB_ADAPTERS, "conversation.adapter.in.event.ControllerInEventAdapter"),
                breach(R5_REPOSITORIES_AND_ENTITIES_ONLY_IN_PERSISTENCE_ADAPTERS, "conversation.adapter.out.search.MisplacedRepository"),
                breach(R5_REPOSITORIES_AND_ENTITIES_ONLY_IN_PERSISTENCE_ADAPTERS, "conversation.adapter.out.search.MisplacedRow"),
                breach(R5_KERNEL_IMPORTS_NO_MODULE_AND_NO_MICRONAUT, "kernel.KernelUsingMicronaut"),
                breach(R5_KERNEL_IMPORTS_NO_MODULE_AND_NO_MICRONAUT, "kernel.KernelUsingModule"),
                breach(R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE, "conversation.adapter.in.web.PublicController"),
                breach(R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE, "conversation.adapter.out.persistence.PublicPersistenceAdapter"),
                breach(R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE, "app.web.PublicOperationsController"),
                breach(R6_ADAPTERS_EXPOSE_NOTHING_PUBLIC, "conversation.adapter.in.web.PublicController"),
                breach(R6_ADAPTERS_EXPOSE_NOTHING_PUBLIC, "conversation.adapter.out.persistence.PublicPersistenceAdapter"));
    }

    static Stream<Allowed> allowed() {
        return Stream.of(
                allow(R1_DOMAIN_IMPORTS_ONLY_JAVA_AND_THE_KERNEL, "conversation.domain.Conversation", "conversation.domain.ConversationStatus"),
                allow(R1_DOMAIN_IS_USED_ONLY_BY_ITS_OWN_APPLICATION_AND_ADAPTERS, "conversation.domain.Conversation",
                        "conversation.domain.ConversationStatus", "conversation.application.port.out.LoadConversationPort",
                        "conversation.adapter.out.persistence.PublicPersistenceAdapter"),
                allow(R2_APPLICATION_DOES_NOT_IMPORT_ADAPTERS_HTTP_OR_DATA, "conversation.application.service.TransactionalService"),
                allow(R2_INBOUND_AND_OUTBOUND_PORTS_DO_NOT_IMPORT_EACH_OTHER, "conversation.application.port.in.AppendMessageCommand",
                        "conversation.application.port.out.LoadConversationPort"),
                allow(R3_ADAPTERS_DO_NOT_IMPORT_EACH_OTHER, "conversation.adapter.in.web.ControllerWithNestedReply",
                        "conversation.adapter.out.persistence.PublicPersistenceAdapter"),
                allow(R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API, "ticketing.adapter.out.conversation.ConversationApiClient",
                        "conversation.api.ConversationApi", "app.AppUsingApplication"),
                allow(R4_APP_USES_NOTHING_OF_A_MODULE_BUT_ITS_API, "app.AppUsingApi", "conversation.api.ConversationApi", "kernel.Ids",
                        "app.web.OperationsController"),
                allow(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "ticketing.adapter.out.conversation.ConversationApiClient",
                        "app.AppUsingApplication", "conversation.domain.Conversation", "kernel.Ids"),
                allow(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "conversation.adapter.in.web.ControllerUsingLive", "live.LiveStreams"),
                allow(R4_A_MODULE_REACHES_ANOTHER_ONLY_THROUGH_ITS_API, "chat.application.service.ChatTurnOverApis",
                        "conversation.api.ConversationApi", "knowledge.api.KnowledgeApi"),
                allow(R4_ONLY_THE_DECLARED_MODULE_GRAPH, "chat.application.service.ChatTurnOverApis",
                        "conversation.api.ConversationApi", "knowledge.api.KnowledgeApi"),
                allow(R4_NO_CYCLES_BETWEEN_UNITS, "ticketing.adapter.out.conversation.ConversationApiClient", "conversation.api.ConversationApi"),
                allow(R4_NO_CYCLES_BETWEEN_UNITS, "chat.application.service.ChatTurnOverApis", "conversation.api.ConversationApi",
                        "knowledge.api.KnowledgeApi"),
                allow(R4_API_IS_A_STABLE_CONTRACT, "conversation.api.ConversationApi", "ticketing.api.TicketApi", "knowledge.api.KnowledgeApi"),
                allow(R5_CONTROLLERS_ONLY_IN_WEB_ADAPTERS, "conversation.adapter.in.web.ControllerWithNestedReply", "app.web.OperationsController",
                        "conversation.adapter.out.persistence.PublicPersistenceAdapter"),
                allow(R5_REPOSITORIES_AND_ENTITIES_ONLY_IN_PERSISTENCE_ADAPTERS, "conversation.adapter.out.persistence.ConversationRow",
                        "conversation.adapter.out.persistence.ConversationRepository", "conversation.adapter.in.web.ControllerWithNestedReply"),
                allow(R5_KERNEL_IMPORTS_NO_MODULE_AND_NO_MICRONAUT, "kernel.Ids"),
                allow(R6_CONTROLLERS_AND_PERSISTENCE_ADAPTERS_ARE_PACKAGE_PRIVATE, "conversation.adapter.in.web.ControllerWithNestedReply",
                        "app.web.OperationsController", "conversation.adapter.out.persistence.ConversationRow",
                        "conversation.adapter.out.persistence.ConversationRepository"),
                allow(R6_ADAPTERS_EXPOSE_NOTHING_PUBLIC, "conversation.adapter.in.web.ControllerWithNestedReply",
                        "ticketing.adapter.out.conversation.ConversationApiClient"),
                allow(C1_ONE_TRANSACTIONAL_ANNOTATION, "ticketing.application.service.ServiceWithMicronautTransactional"),
                allow(C2_WIRE_DTOS_NAMED_REQUEST_OR_RESPONSE, "conversation.adapter.in.web.WireDtosNamedRequestAndResponse",
                        "conversation.adapter.in.web.ControllerWithNestedReply"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void each_rule_reports_the_class_that_breaks_it(Breach breach) {
        List<String> imported = Stream.concat(Stream.of(breach.breaker()), breach.context().stream()).toList();

        EvaluationResult result = breach.rule().over(FIXTURES).evaluate(ArchitectureImports.fixtures(imported));

        assertTrue(result.hasViolation(), breach + " but the rule found nothing");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(FIXTURE_ROOT + "." + breach.breaker()), "the report names the breaker:\n" + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void no_rule_is_stricter_than_architecture_md(Allowed allowed) {
        EvaluationResult result = allowed.rule().over(FIXTURES).evaluate(ArchitectureImports.fixtures(allowed.fixtures()));

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    @Test
    void every_rule_is_proven_to_bite() {
        Set<Rule> proven = breaches().map(Breach::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        assertEquals(EnumSet.allOf(Rule.class), proven);
    }

    @Test
    void no_fixture_ever_becomes_a_bean_of_a_test_context() {
        classes().that().areMetaAnnotatedWith(Controller.class).or().areMetaAnnotatedWith(Singleton.class)
                .or().areMetaAnnotatedWith(JdbcRepository.class)
                .should().beAnnotatedWith(Requires.class)
                .because("a fixture with a Micronaut stereotype would otherwise be a live route or bean in every web test")
                .check(ArchitectureImports.allFixtures());
    }

    private static Breach breach(Rule rule, String breaker, String... context) {
        return new Breach(rule, breaker, Arrays.asList(context));
    }

    private static Allowed allow(Rule rule, String... fixtures) {
        return new Allowed(rule, Arrays.asList(fixtures));
    }
}
