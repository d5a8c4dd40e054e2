-- A production database with the object types a copy can trip over: a domain, an enum, an identity and a
-- generated column, arrays, jsonb, bytea, a partitioned table, a trigger that would rewrite rows if it fired
-- during the load, a view and a materialized view, an expression index.
CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^[0-9]{5}$');
CREATE TYPE tier AS ENUM ('free', 'pro');

CREATE TABLE customers (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    first_name text NOT NULL,
    last_name  text NOT NULL,
    full_name  text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
    zip        us_zip,
    tier       tier NOT NULL DEFAULT 'free',
    tags       text[] NOT NULL DEFAULT '{}',
    photo      bytea,
    settings   jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE events (
    id          bigint NOT NULL,
    customer_id integer NOT NULL REFERENCES customers (id),
    at          timestamptz NOT NULL,
    kind        text NOT NULL,
    detail      jsonb,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- an expression index: ANALYZE gathers statistics on lower(last_name) only once the index exists
CREATE INDEX customers_last_name_lower ON customers (lower(last_name));

-- an array of an enum: its binary form carries the element type's OID, which differs between databases,
-- so this table is copied in text format
CREATE TABLE tier_history (
    customer_id integer PRIMARY KEY REFERENCES customers (id),
    tiers       tier[] NOT NULL
);

-- nothing points to page views, so a row filter may thin them out
CREATE TABLE page_views (
    id          bigserial PRIMARY KEY,
    customer_id integer,
    url         text NOT NULL,
    at          timestamptz NOT NULL
);

CREATE FUNCTION stamp_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.first_name := 'TRIGGER FIRED';
    RETURN NEW;
END;
$$;

INSERT INTO customers (email, first_name, last_name, zip, tier, tags, photo, settings)
SELECT 'person' || g || '@corp.example', 'First' || g, 'Last' || g, lpad((10000 + g)::text, 5, '0'),
       CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END::tier, ARRAY['t' || g % 5, 'all'],
       CASE WHEN g % 4 = 0 THEN decode('deadbeef' || lpad(to_hex(g), 8, '0'), 'hex') END,
       jsonb_build_object('phone', '+1-555-' || lpad(g::text, 4, '0'), 'theme', 'dark')
FROM generate_series(1, 400) g;

INSERT INTO tier_history
SELECT g, ARRAY['free', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END]::tier[] FROM generate_series(1, 400) g;

INSERT INTO events (id, customer_id, at, kind, detail)
SELECT g, 1 + g % 400, timestamptz '2025-06-01' + (g % 400) * interval '1 day', 'login',
       jsonb_build_object('email', 'person' || (1 + g % 400) || '@corp.example', 'ok', true)
FROM generate_series(1, 3000) g;

INSERT INTO page_views (customer_id, url, at)
SELECT 1 + g % 400, '/page/' || g % 50, timestamptz '2025-06-01' + (g % 400) * interval '1 day'
FROM generate_series(1, 2000) g;

-- created after the data, like a trigger in production: it must not fire while the copy loads
CREATE TRIGGER customers_stamp BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION stamp_customer();

CREATE VIEW pro_customers AS SELECT id, email FROM customers WHERE tier = 'pro';
CREATE MATERIALIZED VIEW events_per_customer AS
    SELECT customer_id, count(*) AS events FROM events GROUP BY customer_id;
