package org.jcm.registry.site.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The page texts, English here; another language is {@code messages/msg_{lang}.properties} (Japanese:
 * {@code msg_ja.properties}) and its code in {@code quarkus.locales} and {@link Visit#LANGUAGES}.
 */
@MessageBundle("msg")
public interface Msg {

    @Message("JCM Registry")
    String site_name();

    @Message("Skip to content")
    String skip();

    @Message("Main")
    String nav_label();

    @Message("Registries")
    String nav_registries();

    @Message("Projects")
    String nav_projects();

    @Message("Language")
    String language();

    @Message("The public pages of the Joint Crediting Mechanism registry: every figure comes from the registry's public reports.")
    String footer();

    @Message("The registries of the Joint Crediting Mechanism")
    String home_heading();

    @Message("One registry per side: Japan's and each partner country's. Each has its own accounts, serial numbers and reports.")
    String home_intro();

    @Message("Registry {code}")
    String registry_heading(String code);

    @Message("Overview")
    String nav_overview();

    @Message("Issuances")
    String nav_issuances();

    @Message("Retirements")
    String nav_retirements();

    @Message("Serial lookup")
    String nav_serials();

    @Message("Annual transaction summary")
    String nav_transactions();

    @Message("Article 6 tables")
    String nav_article6();

    @Message("Totals")
    String totals();

    @Message("Issued")
    String issued();

    @Message("Held in government holding accounts")
    String held_government();

    @Message("Held in entity holding accounts")
    String held_entity();

    @Message("Retired")
    String retired();

    @Message("Cancelled")
    String cancelled();

    @Message("Transferred")
    String transferred();

    @Message("Credits issued by vintage")
    String by_vintage();

    @Message("Holdings by account type")
    String holdings_by_type();

    @Message("Transactions since the registry opened")
    String transactions_all_time();

    @Message("Issued per project and vintage")
    String issued_per_project();

    @Message("Download CSV")
    String download_csv();

    @Message("Nothing to show.")
    String no_rows();

    @Message("Show")
    String show();

    @Message("Search")
    String search();

    @Message("Year")
    String year();

    @Message("Project")
    String project();

    @Message("Country")
    String country();

    @Message("Methodology")
    String methodology();

    @Message("State")
    String state();

    @Message("City-to-city collaboration")
    String city();

    @Message("Serial number")
    String serial();

    @Message("A serial number (1501) or a block as displayed (JCM-TH-TH001-2025-1501-1800: its first serial).")
    String serial_hint();

    @Message("Lineage of serial {serial}")
    String lineage_heading(String serial);

    @Message("Find projects")
    String projects_heading();

    @Message("Project {reference}")
    String project_heading(String reference);

    @Message("Project cycle")
    String cycle();

    @Message("Participants")
    String participants();

    @Message("Monitoring periods")
    String monitoring();

    @Message("Verifications")
    String verifications();

    @Message("Credits issued")
    String project_issuances();

    @Message("Authorizations")
    String a6_authorizations();

    @Message("Actions")
    String a6_actions();

    @Message("Holdings at the end of the year")
    String a6_holdings();

    @Message("Error {code}")
    String error_heading(String code);
}
