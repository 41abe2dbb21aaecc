package no.lytt.accounts;

/** What an account may do. Administrators manage accounts and devices; counsellors chat. */
public enum Role {
  COUNSELLOR, ADMIN
}
