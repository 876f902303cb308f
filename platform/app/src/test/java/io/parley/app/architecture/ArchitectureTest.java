package io.parley.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.app.architecture.ParleyArchitecture.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.parley.app.architecture.ArchitectureImports.PRODUCTION_ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production code of every module follows every rule of docs/architecture.md. The rules themselves are
 * in {@link ParleyArchitecture}; {@link RulesBiteTest} proves each one reports a class that breaks it.
 */
class ArchitectureTest {

    private static final ParleyArchitecture PARLEY = ParleyArchitecture.rootedAt(PRODUCTION_ROOT);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Rule.class)
    void production_code_follows(Rule rule) {
        rule.over(PARLEY).check(ArchitectureImports.production());
    }

    @Test
    void the_rules_see_the_kernel_the_app_and_every_module_but_no_test_class() {
        JavaClasses production = ArchitectureImports.production();
        Set<String> units = production.stream()
                .map(c -> PARLEY.placeOf(c).map(ParleyArchitecture.Place::unit).orElse("?"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(ParleyArchitecture.MODULES.keySet());
        expected.add(ParleyArchitecture.KERNEL);
        expected.add(ParleyArchitecture.APP);
        expected.add(ParleyArchitecture.LIVE);
        assertEquals(expected, units);
        assertTrue(production.contain("io.parley.app.Application"));
        // the three bounded contexts of conversation-module are modules of their own, each seen by the rules
        assertEquals(Set.of("conversation", "knowledge", "chat"), Set.of(
                PARLEY.placeOf(production.get("io.parley.conversation.application.service.AppendMessageService")).orElseThrow().unit(),
                PARLEY.placeOf(production.get("io.parley.knowledge.api.KnowledgeSearch")).orElseThrow().unit(),
                PARLEY.placeOf(production.get("io.parley.chat.application.service.ChatTurnService")).orElseThrow().unit()));
        assertEquals(Set.of("conversation", "knowledge"), ParleyArchitecture.MODULES.get("chat"), "the chat turn brings the two together");
        assertTrue(production.stream().map(JavaClass::getName).noneMatch(name -> name.contains("archfixtures") || name.endsWith("Test")
                || name.contains(".$")), "no fixtures, tests or generated classes");
    }
}
