package dev.signpost.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module edges DESIGN.md allows, checked on the compiled main classes of every module (this module
 * sees them all). Maven's dependency rules only see poms; these see every class a class uses, so an edge
 * that sneaks in through a transitive dependency fails the build too (docs/decisions.md, 2026-12-07).
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.signpost");

    @Test
    void core_dependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("dev.signpost.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.signpost.core..")
                .check(MAIN);
    }

    @Test
    void registratorAndTemplate_seeTheRegistryOnlyThroughTheClient() {
        noClasses().that().resideInAnyPackage("dev.signpost.registrator..", "dev.signpost.template..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.signpost.agent..", "dev.signpost.core..")
                .check(MAIN);
    }

    @Test
    void http_doesNotDependOnDns() {
        noClasses().that().resideInAPackage("dev.signpost.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.signpost.dns..")
                .check(MAIN);
    }

    @Test
    void metrics_dependsOnNoOtherModule_soEveryModuleMayRecord() {
        noClasses().that().resideInAPackage("dev.signpost.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.signpost.core..", "dev.signpost.raft..",
                        "dev.signpost.http..", "dev.signpost.dns..", "dev.signpost.agent..", "dev.signpost.client..",
                        "dev.signpost.registrator..", "dev.signpost.template..", "dev.signpost.cli..")
                .check(MAIN);
    }

    @Test
    void dns_doesNotDependOnHttp() {
        noClasses().that().resideInAPackage("dev.signpost.dns..")
                .should().dependOnClassesThat().resideInAPackage("dev.signpost.http..")
                .check(MAIN);
    }
}
