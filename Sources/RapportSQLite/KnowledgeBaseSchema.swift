import GRDB

/// The SQLite schema of the knowledge base, as migrations. Every table that belongs to a customer
/// has `customer_id` first in its primary key, as in the PostgreSQL schema, so that both can be
/// distributed by customer. Times are seconds since 1970 UTC (`INTEGER`), calendar dates
/// `YYYY-MM-DD` text, amounts `REAL`, JSON `TEXT`.
enum KnowledgeBaseSchema {
    /// Secondary indexes by table. Migrations create them and bulk loads into an empty table drop
    /// and rebuild them from these same definitions, so the two never drift apart.
    static let secondaryIndexes: [String: [(name: String, sql: String)]] = [
        "customers": [
            ("customers_external_id", "CREATE UNIQUE INDEX customers_external_id ON customers(external_id)"),
            ("customers_email", "CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL"),
            ("customers_phone", "CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL"),
        ],
        "orders": [
            ("orders_external_id", "CREATE UNIQUE INDEX orders_external_id ON orders(external_id)"),
        ],
        "events": [
            ("events_external_id", "CREATE UNIQUE INDEX events_external_id ON events(external_id)"),
            ("events_type_at", "CREATE INDEX events_type_at ON events(type, at)"),
        ],
    ]

    // Enumerations are checked with OR chains, not `IN (…)`: SQLite evaluates an IN list of more
    // than two values through an ephemeral table opened on every insert, which cost 40% of a bulk load.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 knowledge base") { db in
            try db.execute(sql: v1)
            for indexes in secondaryIndexes.values {
                for index in indexes { try db.execute(sql: index.sql) }
            }
        }
        migrator.registerMigration("v2 analyses") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3 segments") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4 users") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5 sessions") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6 organise") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7 interact") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8 collect") { db in
            try db.execute(sql: v8)
        }
        return migrator
    }

    /// The analysis runs and the two score columns the first schema lacked: the relational-matrix
    /// strategy and every tactical target a customer belongs to (comma-separated, priority order).
    static let v2 = """
        CREATE TABLE analyses (
            id INTEGER PRIMARY KEY,
            computed_at INTEGER NOT NULL,
            as_of TEXT NOT NULL,
            customers INTEGER NOT NULL,
            report TEXT NOT NULL DEFAULT '{}'
        );
        ALTER TABLE scores ADD COLUMN strategy TEXT;
        ALTER TABLE scores ADD COLUMN tactical_targets TEXT;
        ALTER TABLE score_history ADD COLUMN strategy TEXT;
        """

    /// Saved segments, their current members (customer first in the key, an index to list a
    /// segment's members) and one snapshot per evaluation.
    static let v3 = """
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind = 'dynamic' OR kind = 'static'),
            definition TEXT,
            description TEXT,
            every_minutes INTEGER CHECK (every_minutes > 0),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            evaluated_at INTEGER,
            size INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE segment_members (
            customer_id INTEGER NOT NULL,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            PRIMARY KEY (customer_id, segment_id)
        ) WITHOUT ROWID;
        CREATE INDEX segment_members_segment ON segment_members(segment_id, customer_id);
        CREATE TABLE segment_snapshots (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            at INTEGER NOT NULL,
            size INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            exits INTEGER NOT NULL
        );
        CREATE INDEX segment_snapshots_segment ON segment_snapshots(segment_id, at);
        """

    /// What signing in and API tokens need beyond the first schema's `users` and `api_tokens`: a
    /// way to disable a user, a token's visible prefix and its last use.
    static let v4 = """
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE api_tokens ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
        ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        """

    /// Signed-in sessions, so that a restart does not sign everyone out: the hash of the cookie,
    /// the session's encoded state, its expiry (seconds since 1970, none for no expiry).
    static let v5 = """
        CREATE TABLE sessions (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL,
            expires_at INTEGER
        );
        CREATE INDEX sessions_expires_at ON sessions(expires_at) WHERE expires_at IS NOT NULL;
        """

    /// What identity resolution, privacy and the audit need: the external ids of merged-away
    /// customers (so that a later import of them reaches the survivor), the review queue of
    /// duplicate candidates, do-not-contact and erasure marks, and indexes to read a customer's
    /// merges and audit entries.
    static let v6 = """
        CREATE TABLE customer_aliases (
            external_id TEXT PRIMARY KEY,
            customer_id INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL,
            merge_id INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX customer_aliases_customer ON customer_aliases(customer_id);
        CREATE TABLE duplicate_candidates (
            customer_id INTEGER NOT NULL,
            other_id INTEGER NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL CHECK (status = 'pending' OR status = 'merged' OR status = 'rejected'),
            found_at INTEGER NOT NULL,
            decided_at INTEGER,
            decided_by TEXT,
            PRIMARY KEY (customer_id, other_id)
        ) WITHOUT ROWID;
        CREATE INDEX duplicate_candidates_other ON duplicate_candidates(other_id);
        CREATE TABLE contact_restrictions (
            customer_id INTEGER PRIMARY KEY,
            reason TEXT NOT NULL CHECK (reason = 'do_not_contact' OR reason = 'erased'),
            source TEXT,
            at INTEGER NOT NULL
        );
        CREATE INDEX merges_survivor ON merges(survivor_id);
        CREATE INDEX merges_absorbed ON merges(absorbed_id);
        CREATE INDEX audit_log_subject ON audit_log(subject, at);
        """

    /// Programmes and campaigns (definitions as JSON), the waves of campaigns already decided, the
    /// contact history (every planned, held-out, suppressed, sent or failed contact, with the rule
    /// that suppressed it and an idempotency key), settings such as the pressure policy, and the
    /// outbox of rendered messages waiting to be sent.
    /// Reactions to contacts: deliveries, bounces, opens, clicks, unsubscribes, complaints and
    /// survey answers, each linked to its contact.
    static let v8 = """
        CREATE TABLE responses (
            customer_id INTEGER NOT NULL,
            contact_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            at INTEGER NOT NULL,
            campaign_id INTEGER NOT NULL,
            channel TEXT,
            detail TEXT,
            PRIMARY KEY (customer_id, contact_id, kind, at)
        ) WITHOUT ROWID;
        CREATE INDEX responses_campaign ON responses(campaign_id, kind);
        CREATE TABLE customer_feedback (
            customer_id INTEGER PRIMARY KEY,
            engagement REAL NOT NULL DEFAULT 0,
            engagement_at INTEGER NOT NULL,
            satisfaction REAL,
            satisfaction_at INTEGER,
            fatigue_signals INTEGER NOT NULL DEFAULT 0,
            last_fatigue_at INTEGER,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX customer_feedback_fatigue ON customer_feedback(last_fatigue_at);
        """

    static let v7 = """
        CREATE TABLE programmes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL DEFAULT '{}',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            programme_id INTEGER,
            status TEXT NOT NULL CHECK (status = 'draft' OR status = 'scheduled' OR status = 'paused' OR status = 'done'),
            definition TEXT NOT NULL DEFAULT '{}',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE campaign_waves (
            campaign_id INTEGER NOT NULL,
            wave INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            decided_at INTEGER NOT NULL,
            targeted INTEGER NOT NULL,
            kept INTEGER NOT NULL,
            spent REAL NOT NULL,
            PRIMARY KEY (campaign_id, wave)
        ) WITHOUT ROWID;
        CREATE TABLE contacts (
            customer_id INTEGER NOT NULL,
            id INTEGER NOT NULL,
            campaign_id INTEGER NOT NULL,
            wave INTEGER NOT NULL,
            channel TEXT,
            message TEXT NOT NULL,
            variant TEXT,
            purpose TEXT NOT NULL,
            status TEXT NOT NULL,
            rule TEXT,
            planned_at INTEGER NOT NULL,
            decided_at INTEGER NOT NULL,
            sent_at INTEGER,
            cost REAL NOT NULL DEFAULT 0,
            expected_value REAL NOT NULL DEFAULT 0,
            idempotency_key TEXT NOT NULL,
            PRIMARY KEY (customer_id, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX contacts_idempotency_key ON contacts(idempotency_key);
        CREATE INDEX contacts_planned_at ON contacts(planned_at);
        CREATE INDEX contacts_campaign ON contacts(campaign_id, wave);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE journey_states (
            customer_id INTEGER NOT NULL,
            campaign_id INTEGER NOT NULL,
            step TEXT NOT NULL,
            since INTEGER NOT NULL,
            wake_at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status = 'active' OR status = 'done'),
            entered_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, campaign_id)
        ) WITHOUT ROWID;
        CREATE INDEX journey_states_campaign ON journey_states(campaign_id, status);
        CREATE TABLE outbox (
            customer_id INTEGER NOT NULL,
            contact_id INTEGER NOT NULL,
            channel TEXT NOT NULL,
            lane TEXT NOT NULL CHECK (lane = 'transactional' OR lane = 'marketing'),
            recipient TEXT NOT NULL,
            payload TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state = 'pending' OR state = 'sending' OR state = 'sent' OR state = 'failed'),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            sent_at INTEGER,
            PRIMARY KEY (customer_id, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        CREATE UNIQUE INDEX outbox_idempotency_key ON outbox(idempotency_key);
        """

    static let v1 = """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'prospect' OR kind = 'customer' OR kind = 'former'),
            first_name TEXT, last_name TEXT, email TEXT, phone TEXT, birth_date TEXT, gender TEXT,
            postcode TEXT, city TEXT, country TEXT, timezone TEXT, preferred_channel TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            fingerprint INTEGER NOT NULL
        );
        CREATE TABLE identities (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            created_at INTEGER NOT NULL,
            PRIMARY KEY (kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX identities_customer ON identities(customer_id);
        CREATE TABLE merges (
            id INTEGER PRIMARY KEY,
            survivor_id INTEGER NOT NULL,
            absorbed_id INTEGER NOT NULL,
            rule TEXT NOT NULL,
            at INTEGER NOT NULL,
            undone_at INTEGER,
            snapshot TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE consents (
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms' OR channel = 'phone' OR channel = 'mail' OR channel = 'push'),
            at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status = 'granted' OR status = 'denied' OR status = 'revoked'),
            source TEXT,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, channel, at)
        ) WITHOUT ROWID;
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            category TEXT,
            price REAL CHECK (price >= 0),
            unit_cost REAL CHECK (unit_cost >= 0),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL
        );
        CREATE TABLE orders (
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            id INTEGER NOT NULL,
            external_id TEXT NOT NULL,
            placed_at INTEGER NOT NULL,
            channel TEXT, store TEXT,
            status TEXT NOT NULL CHECK (status = 'completed' OR status = 'cancelled' OR status = 'returned'),
            total REAL NOT NULL CHECK (total >= 0),
            margin REAL,
            items INTEGER,
            currency TEXT,
            fingerprint INTEGER NOT NULL,
            PRIMARY KEY (customer_id, id)
        ) WITHOUT ROWID;
        CREATE TABLE order_lines (
            customer_id INTEGER NOT NULL,
            order_id INTEGER NOT NULL,
            line_no INTEGER NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            amount REAL NOT NULL CHECK (amount >= 0),
            PRIMARY KEY (customer_id, order_id, line_no)
        ) WITHOUT ROWID;
        CREATE INDEX order_lines_product ON order_lines(product_id);
        CREATE TABLE events (
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            id INTEGER NOT NULL,
            external_id TEXT NOT NULL,
            type TEXT NOT NULL,
            channel TEXT,
            at INTEGER NOT NULL,
            campaign TEXT,
            properties TEXT NOT NULL DEFAULT '{}',
            fingerprint INTEGER NOT NULL,
            PRIMARY KEY (customer_id, id)
        ) WITHOUT ROWID;
        CREATE TABLE scores (
            customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
            computed_at INTEGER NOT NULL,
            recency INTEGER, frequency INTEGER, monetary REAL,
            r_score INTEGER, f_score INTEGER, m_score INTEGER, rfm_segment TEXT,
            p_alive REAL, expected_purchases REAL, expected_spend REAL, clv REAL,
            value_tier TEXT, potential_tier TEXT, lifecycle_stage TEXT, tactical_target TEXT,
            cluster INTEGER, engagement REAL, data_quality REAL
        );
        CREATE TABLE score_history (
            customer_id INTEGER NOT NULL,
            computed_at INTEGER NOT NULL,
            rfm_segment TEXT, p_alive REAL, clv REAL, value_tier TEXT, potential_tier TEXT,
            lifecycle_stage TEXT, tactical_target TEXT,
            PRIMARY KEY (customer_id, computed_at)
        ) WITHOUT ROWID;
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            file TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            inserted INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            rejected INTEGER NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role = 'admin' OR role = 'marketer' OR role = 'analyst'),
            password_hash TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            token_hash TEXT NOT NULL UNIQUE,
            label TEXT,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_at ON audit_log(at);
        """
}
