-- A generated database of about 1.2 GB for the backup benchmark: a mix of what service databases hold
-- (text that repeats, ids, timestamps, jsonb, some high-entropy tokens), so compression sees realistic data.
CREATE TABLE customers (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    full_name   text NOT NULL,
    country     text NOT NULL,
    created_at  timestamptz NOT NULL,
    preferences jsonb NOT NULL
);
INSERT INTO customers
SELECT g,
       'user' || g || '@' || (ARRAY['example.com','mail.test','corp.example','shop.test'])[1 + g % 4],
       (ARRAY['Anna','Ben','Chloe','David','Emma','Felix','Greta','Hugo'])[1 + g % 8] || ' '
           || (ARRAY['Smith','Meyer','Rossi','Dubois','Novak','Jensen','Silva','Kowalski'])[1 + (g / 8) % 8],
       (ARRAY['DE','FR','IT','US','PL','DK','PT','NL'])[1 + (g / 3) % 8],
       timestamptz '2020-01-01' + (g % 157680000) * interval '1 second',
       jsonb_build_object('newsletter', g % 3 = 0, 'language', (ARRAY['en','de','fr'])[1 + g % 3], 'theme', 'light')
  FROM generate_series(1, 2000000) g;

CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    status      text NOT NULL,
    total_cents integer NOT NULL,
    ordered_at  timestamptz NOT NULL,
    note        text
);
INSERT INTO orders
SELECT g, 1 + g % 2000000,
       (ARRAY['paid','shipped','delivered','cancelled','refunded'])[1 + g % 5],
       ((g::bigint * 7919) % 100000)::int,
       timestamptz '2021-01-01' + (g % 126230400) * interval '1 second',
       CASE WHEN g % 4 = 0 THEN 'please deliver to the back door, ring twice' END
  FROM generate_series(1, 8000000) g;

CREATE TABLE api_tokens (
    id         bigint PRIMARY KEY,
    token      text NOT NULL,
    issued_at  timestamptz NOT NULL
);
INSERT INTO api_tokens
SELECT g, md5(g::text) || md5((g * 31)::text), timestamptz '2024-01-01' + g * interval '1 minute'
  FROM generate_series(1, 1500000) g;

CREATE INDEX orders_customer_idx ON orders (customer_id);
ANALYZE;
