package org.campops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The arrows of docs/ARCHITECTURE.md, checked on the compiled classes (tests left out). */
@AnalyzeClasses(packages = "org.campops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheDiscordAdapterKnowsJda = noClasses()
            .that()
            .resideOutsideOfPackage("org.campops.discord..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("net.dv8tion..");

    @ArchTest
    static final ArchRule chatCoreUsesTheJdkOnly = classes()
            .that()
            .resideInAPackage("org.campops.chat..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("org.campops.chat..", "java..");

    /** One slice per top-level package under org.campops (a feature, or app, chat, store, ...). */
    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages =
            slices().matching("org.campops.(*)..").should().beFreeOfCycles();

    /** Features call each other's services, never another feature's repository. */
    @ArchTest
    static final ArchRule repositoriesAreUsedOnlyInTheirOwnPackage =
            classes().that().haveSimpleNameEndingWith("Repository").should(beUsedOnlyFromTheirOwnPackage());

    /**
     * One persistence style: SQL lives in repositories (and the store's own plumbing). Services pass the transaction's
     * JDBI handle on, but never run a statement on it, read a result set or touch JDBC statements.
     */
    @ArchTest
    static final ArchRule sqlRunsOnlyInRepositoriesAndTheStore = noClasses()
            .that()
            .resideOutsideOfPackage("org.campops.store..")
            .and()
            .haveSimpleNameNotEndingWith("Repository")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.jdbi.v3.core.statement..",
                    "org.jdbi.v3.core.result..",
                    "org.jdbi.v3.core.mapper..",
                    "org.jdbi.v3.core.argument..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(java.sql.PreparedStatement.class, java.sql.Statement.class, java.sql.ResultSet.class)
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "a method of a JDBI Handle that runs SQL",
                    call -> call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.Handle.class)
                            && call.getName().matches("select|execute|create.*|prepare.*|getConnection|attach")));

    /** JDBC statements are JDBI's to open: no class prepares or creates one on a connection itself (store included). */
    @ArchTest
    static final ArchRule jdbcStatementsAreOpenedOnlyByJdbi = noClasses()
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "a JDBC Connection's prepareStatement, prepareCall or createStatement",
                    call -> call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                            && call.getName().matches("prepareStatement|prepareCall|createStatement")));

    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be used only from their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency d : repository.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    if (!user.getPackageName().equals(repository.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
