package dev.switchboard.app;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.identity.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --demo} accounts: one admin, two agents, two customers, with known passwords so a
 * newcomer can sign in at once. Created once; a restart finds them and changes nothing. Only for
 * trying Switchboard out: the passwords are printed and public.
 */
public final class DemoData {
    /** One demo account. */
    public record Account(String email, String password, String name, Role role) {}

    public static final List<Account> ACCOUNTS = List.of(
            new Account("admin@demo.switchboard", "demo-admin-pass", "Ada Admin", Role.ADMIN),
            new Account("agent1@demo.switchboard", "demo-agent-pass", "Alan Agent", Role.AGENT),
            new Account("agent2@demo.switchboard", "demo-agent-pass", "Grace Agent", Role.AGENT),
            new Account("customer1@demo.switchboard", "demo-customer-pass", "Carl Customer", Role.CUSTOMER),
            new Account("customer2@demo.switchboard", "demo-customer-pass", "Cleo Customer", Role.CUSTOMER));

    private DemoData() {}

    /** Creates the accounts that do not exist yet; returns lines telling how to sign in. */
    public static List<String> seed(IdentityService identity, String baseUrl) {
        List<String> lines = new ArrayList<>();
        lines.add("Demo accounts (sign in at " + baseUrl + " or POST " + baseUrl + "/api/auth/login {email, password}):");
        for (Account a : ACCOUNTS) {
            try {
                identity.createAccount(a.email(), a.password().toCharArray(), a.name(), a.role());
            } catch (SwitchboardException e) {
                if (e.code() != ErrorCode.EMAIL_TAKEN) throw e;
            }
            lines.add(String.format("  %-8s %-28s password %s", a.role().wire(), a.email(), a.password()));
        }
        return lines;
    }
}
