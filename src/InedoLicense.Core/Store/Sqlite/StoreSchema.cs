namespace InedoLicense.Store;

/// <summary>Forward-only migrations; PRAGMA user_version is the index of the last one applied.</summary>
internal static class StoreSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE licenses (
            serial            TEXT PRIMARY KEY,
            kind              TEXT NOT NULL,
            customer          TEXT,
            product           TEXT,
            edition           TEXT,
            features          TEXT NOT NULL DEFAULT '',
            organization_id   TEXT,
            mac_id            TEXT,
            audience          TEXT,
            purpose           TEXT,
            restrictions      INTEGER NOT NULL DEFAULT 0,
            banner            TEXT,
            issued_at         INTEGER NOT NULL,
            not_before        INTEGER NOT NULL,
            expires_at        INTEGER,
            renewal_of        TEXT REFERENCES licenses(serial),
            issuer_thumbprint TEXT NOT NULL,
            key_text          TEXT NOT NULL,
            revoked_at        INTEGER,
            revocation_reason TEXT
        );
        CREATE INDEX ix_licenses_customer_product ON licenses(customer, product);
        CREATE INDEX ix_licenses_organization ON licenses(organization_id);
        CREATE INDEX ix_licenses_expires ON licenses(expires_at);
        CREATE TABLE audit_log (
            id                     INTEGER PRIMARY KEY,
            at                     INTEGER NOT NULL,
            os_user                TEXT NOT NULL,
            certificate_thumbprint TEXT,
            action                 TEXT NOT NULL,
            target                 TEXT,
            details                TEXT,
            hash                   BLOB NOT NULL
        );
        CREATE INDEX ix_audit_target ON audit_log(target);
        CREATE TABLE settings (
            name  TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
        // 1: the product catalogue (one JSON definition per product; seeded from the shipped default on first read)
        // and, for stopgap keys, the lapsed licence whose term they bridge (the one-stopgap-per-term policy).
        """
        CREATE TABLE products (
            name       TEXT PRIMARY KEY COLLATE NOCASE,
            definition TEXT NOT NULL
        );
        ALTER TABLE licenses ADD COLUMN stopgap_for TEXT REFERENCES licenses(serial);
        CREATE INDEX ix_licenses_customer_product_nocase ON licenses(customer COLLATE NOCASE, product COLLATE NOCASE);
        CREATE INDEX ix_licenses_renewal_of ON licenses(renewal_of);
        """,
        // 2: the rule an explicit override let a key past (IssuanceRules, held by LicenseStore.AddLicenses), with
        // the overrides earlier modules only noted in the audit log. (Every store has the application_id from now on.)
        """
        ALTER TABLE licenses ADD COLUMN policy_override TEXT;
        """ + IssuanceRules.MarkLegacyOverrides,
    ];
}
