-- docker-compose.yml: the ops database and the dev environment's database on one local server.
CREATE DATABASE nightshift;
CREATE DATABASE dev_app;
\connect dev_app
CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO item (id, name) SELECT g, 'item ' || g FROM generate_series(1, 10000) g;
