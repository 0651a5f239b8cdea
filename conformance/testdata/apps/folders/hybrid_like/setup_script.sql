-- Shaped like native-apps-examples @ 4dda4e64, hybrid-tables/app/setup_script.sql: a hybrid table.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;
CREATE SCHEMA IF NOT EXISTS internal;

CREATE HYBRID TABLE IF NOT EXISTS internal.dictionary
(
    key VARCHAR,
    value VARCHAR,
    CONSTRAINT pkey PRIMARY KEY (key)
);
