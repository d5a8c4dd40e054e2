-- Demo schema: the kind of auth/user service a team actually runs, with the object types that make
-- dumps, restores and masking interesting (enum, domain, identity, generated column, standalone
-- sequence, jsonb, bytea, inet, arrays, views, a materialized view, plpgsql triggers, comments).
-- Run once on an empty database.

CREATE TYPE user_status AS ENUM ('pending', 'active', 'suspended', 'deleted');

CREATE DOMAIN email_address AS text
    CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');

-- Invoice numbers are customer-visible and must never repeat, even across restores, so they come from
-- their own sequence instead of the table's identity.
CREATE SEQUENCE invoice_number_seq START WITH 100000;

CREATE TABLE users (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        email_address NOT NULL UNIQUE,
    email_domain text GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED,
    name         text NOT NULL,
    phone        text,
    status       user_status NOT NULL DEFAULT 'pending',
    birth_date   date,
    profile      jsonb NOT NULL DEFAULT '{}'::jsonb,
    avatar       bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE users IS 'One row per account; personal data, mask before copying outside production.';
COMMENT ON COLUMN users.profile IS 'Address, locale and preferences as entered by the user.';

CREATE TABLE roles (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    description text NOT NULL
);

CREATE TABLE user_roles (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    integer NOT NULL REFERENCES roles (id),
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE oauth_providers (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    client_id     text NOT NULL,
    client_secret text NOT NULL,
    authorize_url text NOT NULL,
    scopes        text[] NOT NULL DEFAULT '{}',
    enabled       boolean NOT NULL DEFAULT true
);

COMMENT ON COLUMN oauth_providers.client_secret IS 'Credential: never leaves production unmasked.';

CREATE TABLE refresh_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      text NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
-- The token sweeper only ever looks at live tokens.
CREATE INDEX refresh_tokens_live_expiry_idx ON refresh_tokens (expires_at) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id  integer REFERENCES oauth_providers (id),
    ip           inet,
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    number       text NOT NULL UNIQUE
                 DEFAULT 'INV-' || lpad(nextval('invoice_number_seq')::text, 8, '0'),
    amount       numeric(10, 2) NOT NULL CHECK (amount >= 0),
    currency     char(3) NOT NULL DEFAULT 'USD',
    issued_at    timestamptz NOT NULL DEFAULT now(),
    paid         boolean NOT NULL DEFAULT false
);

CREATE INDEX invoices_user_idx ON invoices (user_id);

-- No foreign key on user_id: audit rows must outlive the accounts they describe.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    user_id     bigint,
    action      text NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
    ip          inet,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_user_time_idx ON audit_log (user_id, occurred_at);

CREATE VIEW active_users AS
    SELECT id, email, name, email_domain, created_at
    FROM users
    WHERE status = 'active';

CREATE MATERIALIZED VIEW daily_signups AS
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS signups
    FROM users
    GROUP BY 1;

-- Unique index so the dashboard job can REFRESH ... CONCURRENTLY.
CREATE UNIQUE INDEX daily_signups_day_idx ON daily_signups (day);

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_touch_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Status changes are what support gets asked about, so they are recorded even when the application
-- forgets to.
CREATE FUNCTION audit_user_status() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (user_id, action, payload, ip)
    VALUES (NEW.id, 'user.status_changed',
            jsonb_build_object('from', OLD.status, 'to', NEW.status),
            inet_client_addr());
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_audit_status
    AFTER UPDATE OF status ON users
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION audit_user_status();
