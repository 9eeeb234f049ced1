import Foundation

/// The PostgreSQL schema of the knowledge base as numbered migrations: the same tables and columns
/// as the SQLite store, written so that the customer-owned tables can be distributed by customer.
///
/// - Every table that belongs to a customer has `customer_id` first in its primary key and in its
///   indexes, and carries no unique constraint or foreign key that a shard could not check alone:
///   external ids and identities are kept unique by the importer, which reads the existing keys
///   under the writer lock (``PostgresKnowledgeBase/importing(_:)``).
/// - Small tables that are not a customer's (products, segments, users…) keep their unique
///   constraints: on Citus they become reference tables, copied to every node (docs/scaling.md).
/// - Times are seconds since 1970 UTC (`bigint`), calendar dates `YYYY-MM-DD` text, amounts
///   `double precision`, as on SQLite, so both stores give the analytics the same numbers.
///   Custom fields and properties are JSON objects kept as the text the importer wrote (its
///   canonical form, byte for byte what SQLite keeps): `attributes::jsonb` queries them.
enum PostgresSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let sql: String

        /// The statements of `sql`, which ends each one with a semicolon at the end of a line.
        var statements: [String] {
            sql.split(separator: ";\n", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
                .filter { !$0.isEmpty && !$0.allSatisfy { $0 == ";" } }
        }
    }

    /// Any 64-bit number that no other application takes the lock of: migrations run under it.
    static let migrationLock: Int64 = 0x5241_5050_4F52_5401
    /// The lock every import transaction holds: one writer of importer-assigned ids at a time.
    static let writerLock: Int64 = 0x5241_5050_4F52_5402

    /// Migrations in order. A published migration is never edited: a change is a new one.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "knowledge base", sql: knowledgeBase),
        Migration(version: 2, name: "analyses and segments", sql: analysesAndSegments),
        Migration(version: 3, name: "users and sessions", sql: usersAndSessions),
        Migration(version: 4, name: "organise", sql: organise),
        Migration(version: 5, name: "interact", sql: interact),
        Migration(version: 6, name: "collect", sql: collect),
    ]

    /// The primary keys that a bulk load into an empty table drops and adds again at the end (the
    /// constraint is named `<table>_pkey`, PostgreSQL's default).
    static let primaryKeys: [String: String] = [
        "customers": "id", "orders": "customer_id, id", "order_lines": "customer_id, order_id, line_no",
        "events": "customer_id, id",
    ]

    /// Secondary indexes that a bulk load into an empty table drops and builds again at the end.
    static let secondaryIndexes: [String: [(name: String, sql: String)]] = [
        "customers": [
            ("customers_external_id", "CREATE INDEX customers_external_id ON customers (external_id)"),
            ("customers_email", "CREATE INDEX customers_email ON customers (email) WHERE email IS NOT NULL"),
            ("customers_phone", "CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL"),
        ],
        "orders": [("orders_external_id", "CREATE INDEX orders_external_id ON orders (external_id)")],
        "events": [
            ("events_external_id", "CREATE INDEX events_external_id ON events (external_id)"),
            ("events_type_at", "CREATE INDEX events_type_at ON events (type, at)"),
        ],
    ]

    static let knowledgeBase = """
        CREATE TABLE customers (
            id bigint PRIMARY KEY,
            external_id text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('prospect', 'customer', 'former')),
            first_name text, last_name text, email text, phone text, birth_date text, gender text,
            postcode text, city text, country text, timezone text, preferred_channel text,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            attributes text NOT NULL DEFAULT '{}',
            fingerprint bigint NOT NULL
        );
        CREATE INDEX customers_external_id ON customers (external_id);
        CREATE INDEX customers_email ON customers (email) WHERE email IS NOT NULL;
        CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;
        CREATE TABLE identities (
            customer_id bigint NOT NULL,
            kind text NOT NULL,
            value text NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (customer_id, kind, value)
        );
        CREATE INDEX identities_value ON identities (value, kind);
        CREATE TABLE merges (
            survivor_id bigint NOT NULL,
            id bigint GENERATED BY DEFAULT AS IDENTITY,
            absorbed_id bigint NOT NULL,
            rule text NOT NULL,
            at bigint NOT NULL,
            undone_at bigint,
            snapshot text NOT NULL DEFAULT '{}',
            PRIMARY KEY (survivor_id, id)
        );
        CREATE TABLE consents (
            customer_id bigint NOT NULL,
            channel text NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'mail', 'push')),
            at bigint NOT NULL,
            status text NOT NULL CHECK (status IN ('granted', 'denied', 'revoked')),
            source text,
            recorded_at bigint NOT NULL,
            PRIMARY KEY (customer_id, channel, at)
        );
        CREATE TABLE products (
            id bigint PRIMARY KEY,
            sku text NOT NULL UNIQUE,
            name text NOT NULL,
            category text,
            price double precision CHECK (price >= 0),
            unit_cost double precision CHECK (unit_cost >= 0),
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            fingerprint bigint NOT NULL
        );
        CREATE TABLE orders (
            customer_id bigint NOT NULL,
            id bigint NOT NULL,
            external_id text NOT NULL,
            placed_at bigint NOT NULL,
            channel text, store text,
            status text NOT NULL CHECK (status IN ('completed', 'cancelled', 'returned')),
            total double precision NOT NULL CHECK (total >= 0),
            margin double precision,
            items bigint,
            currency text,
            fingerprint bigint NOT NULL,
            PRIMARY KEY (customer_id, id)
        );
        CREATE INDEX orders_external_id ON orders (external_id);
        CREATE TABLE order_lines (
            customer_id bigint NOT NULL,
            order_id bigint NOT NULL,
            line_no bigint NOT NULL,
            product_id bigint NOT NULL,
            quantity bigint NOT NULL CHECK (quantity > 0),
            amount double precision NOT NULL CHECK (amount >= 0),
            PRIMARY KEY (customer_id, order_id, line_no)
        );
        CREATE TABLE events (
            customer_id bigint NOT NULL,
            id bigint NOT NULL,
            external_id text NOT NULL,
            type text NOT NULL,
            channel text,
            at bigint NOT NULL,
            campaign text,
            properties text NOT NULL DEFAULT '{}',
            fingerprint bigint NOT NULL,
            PRIMARY KEY (customer_id, id)
        );
        CREATE INDEX events_external_id ON events (external_id);
        CREATE INDEX events_type_at ON events (type, at);
        CREATE TABLE scores (
            customer_id bigint PRIMARY KEY,
            computed_at bigint NOT NULL,
            recency bigint, frequency bigint, monetary double precision,
            r_score bigint, f_score bigint, m_score bigint, rfm_segment text,
            p_alive double precision, expected_purchases double precision, expected_spend double precision,
            clv double precision,
            value_tier text, potential_tier text, lifecycle_stage text, tactical_target text,
            cluster bigint, engagement double precision, data_quality double precision,
            strategy text, tactical_targets text
        );
        CREATE TABLE score_history (
            customer_id bigint NOT NULL,
            computed_at bigint NOT NULL,
            rfm_segment text, p_alive double precision, clv double precision, value_tier text, potential_tier text,
            lifecycle_stage text, tactical_target text, strategy text,
            PRIMARY KEY (customer_id, computed_at)
        );
        CREATE TABLE imports (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind text NOT NULL,
            file text NOT NULL,
            bytes bigint NOT NULL,
            started_at bigint NOT NULL,
            finished_at bigint NOT NULL,
            inserted bigint NOT NULL,
            updated bigint NOT NULL,
            unchanged bigint NOT NULL,
            rejected bigint NOT NULL
        );
        -- The next internal id of each kind the importer numbers (customers, products, orders,
        -- events): max(id) would read a whole index, orders and events having customer_id first.
        CREATE TABLE id_counters (
            kind text PRIMARY KEY,
            next_id bigint NOT NULL
        );
        CREATE TABLE audit_log (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            subject text NOT NULL,
            details text NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_at ON audit_log (at);
        """

    /// Aliases of merged-away customers, the review queue of duplicate candidates, do-not-contact
    /// and erasure marks, and indexes to read a customer's merges and audit entries (the same
    /// tables as SQLite's v6).
    static let organise = """
        CREATE TABLE customer_aliases (
            external_id text PRIMARY KEY,
            customer_id bigint NOT NULL,
            fingerprint bigint NOT NULL,
            merge_id bigint NOT NULL
        );
        CREATE INDEX customer_aliases_customer ON customer_aliases (customer_id);
        CREATE TABLE duplicate_candidates (
            customer_id bigint NOT NULL,
            other_id bigint NOT NULL,
            score double precision NOT NULL,
            evidence text NOT NULL DEFAULT '[]',
            status text NOT NULL CHECK (status IN ('pending', 'merged', 'rejected')),
            found_at bigint NOT NULL,
            decided_at bigint,
            decided_by text,
            PRIMARY KEY (customer_id, other_id)
        );
        CREATE INDEX duplicate_candidates_other ON duplicate_candidates (other_id);
        CREATE TABLE contact_restrictions (
            customer_id bigint PRIMARY KEY,
            reason text NOT NULL CHECK (reason IN ('do_not_contact', 'erased')),
            source text,
            at bigint NOT NULL
        );
        CREATE INDEX merges_absorbed ON merges (absorbed_id);
        CREATE INDEX audit_log_subject ON audit_log (subject, at);
        """

    /// Programmes, campaigns, decided waves, the contact history, settings and the outbox (the same tables as
    /// SQLite's v7). Contacts belong to a customer: their idempotency keys are unique per customer
    /// (the key starts with the customer's id, so that is unique overall).
    /// Reactions to contacts, each linked to its contact (SQLite's v8).
    static let collect = """
        CREATE TABLE responses (
            customer_id bigint NOT NULL,
            contact_id bigint NOT NULL,
            kind text NOT NULL,
            at bigint NOT NULL,
            campaign_id bigint NOT NULL,
            channel text,
            detail text,
            PRIMARY KEY (customer_id, contact_id, kind, at)
        );
        CREATE INDEX responses_campaign ON responses (campaign_id, kind);
        CREATE TABLE customer_feedback (
            customer_id bigint PRIMARY KEY,
            engagement double precision NOT NULL DEFAULT 0,
            engagement_at bigint NOT NULL,
            satisfaction double precision,
            satisfaction_at bigint,
            fatigue_signals bigint NOT NULL DEFAULT 0,
            last_fatigue_at bigint,
            updated_at bigint NOT NULL
        );
        CREATE INDEX customer_feedback_fatigue ON customer_feedback (last_fatigue_at);
        """

    static let interact = """
        CREATE TABLE programmes (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            definition text NOT NULL DEFAULT '{}',
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL
        );
        CREATE TABLE campaigns (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            programme_id bigint,
            status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'paused', 'done')),
            definition text NOT NULL DEFAULT '{}',
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL
        );
        CREATE TABLE campaign_waves (
            campaign_id bigint NOT NULL,
            wave bigint NOT NULL,
            due_at bigint NOT NULL,
            decided_at bigint NOT NULL,
            targeted bigint NOT NULL,
            kept bigint NOT NULL,
            spent double precision NOT NULL,
            PRIMARY KEY (campaign_id, wave)
        );
        CREATE TABLE contacts (
            customer_id bigint NOT NULL,
            id bigint NOT NULL,
            campaign_id bigint NOT NULL,
            wave bigint NOT NULL,
            channel text,
            message text NOT NULL,
            variant text,
            purpose text NOT NULL,
            status text NOT NULL,
            rule text,
            planned_at bigint NOT NULL,
            decided_at bigint NOT NULL,
            sent_at bigint,
            cost double precision NOT NULL DEFAULT 0,
            expected_value double precision NOT NULL DEFAULT 0,
            idempotency_key text NOT NULL,
            PRIMARY KEY (customer_id, id)
        );
        CREATE UNIQUE INDEX contacts_idempotency_key ON contacts (customer_id, idempotency_key);
        CREATE INDEX contacts_planned_at ON contacts (planned_at);
        CREATE INDEX contacts_campaign ON contacts (campaign_id, wave);
        CREATE TABLE settings (
            key text PRIMARY KEY,
            value text NOT NULL,
            updated_at bigint NOT NULL
        );
        CREATE TABLE journey_states (
            customer_id bigint NOT NULL,
            campaign_id bigint NOT NULL,
            step text NOT NULL,
            since bigint NOT NULL,
            wake_at bigint NOT NULL,
            status text NOT NULL CHECK (status IN ('active', 'done')),
            entered_at bigint NOT NULL,
            PRIMARY KEY (customer_id, campaign_id)
        );
        CREATE INDEX journey_states_campaign ON journey_states (campaign_id, status);
        CREATE TABLE outbox (
            customer_id bigint NOT NULL,
            contact_id bigint NOT NULL,
            channel text NOT NULL,
            lane text NOT NULL CHECK (lane IN ('transactional', 'marketing')),
            recipient text NOT NULL,
            payload text NOT NULL,
            idempotency_key text NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
            attempts bigint NOT NULL DEFAULT 0,
            next_attempt_at bigint NOT NULL,
            last_error text,
            sent_at bigint,
            PRIMARY KEY (customer_id, contact_id)
        );
        CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
        CREATE UNIQUE INDEX outbox_idempotency_key ON outbox (customer_id, idempotency_key);
        """

    static let analysesAndSegments = """
        CREATE TABLE analyses (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            computed_at bigint NOT NULL,
            as_of text NOT NULL,
            customers bigint NOT NULL,
            report text NOT NULL DEFAULT '{}'
        );
        CREATE TABLE segments (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            kind text NOT NULL CHECK (kind IN ('dynamic', 'static')),
            definition text,
            description text,
            every_minutes bigint CHECK (every_minutes > 0),
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            evaluated_at bigint,
            size bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE segment_members (
            customer_id bigint NOT NULL,
            segment_id bigint NOT NULL REFERENCES segments (id),
            PRIMARY KEY (customer_id, segment_id)
        );
        CREATE INDEX segment_members_segment ON segment_members (segment_id, customer_id);
        CREATE TABLE segment_snapshots (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            segment_id bigint NOT NULL REFERENCES segments (id),
            at bigint NOT NULL,
            size bigint NOT NULL,
            entries bigint NOT NULL,
            exits bigint NOT NULL
        );
        CREATE INDEX segment_snapshots_segment ON segment_snapshots (segment_id, at);
        """

    static let usersAndSessions = """
        CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email text NOT NULL UNIQUE,
            name text NOT NULL,
            role text NOT NULL CHECK (role IN ('admin', 'marketer', 'analyst')),
            password_hash text,
            created_at bigint NOT NULL,
            disabled boolean NOT NULL DEFAULT false
        );
        CREATE TABLE api_tokens (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES users (id),
            token_hash text NOT NULL UNIQUE,
            label text,
            created_at bigint NOT NULL,
            expires_at bigint,
            revoked_at bigint,
            prefix text NOT NULL DEFAULT '',
            last_used_at bigint
        );
        CREATE INDEX api_tokens_user ON api_tokens (user_id);
        CREATE TABLE sessions (
            key text PRIMARY KEY,
            value bytea NOT NULL,
            expires_at bigint
        );
        CREATE INDEX sessions_expires_at ON sessions (expires_at) WHERE expires_at IS NOT NULL;
        """
}
