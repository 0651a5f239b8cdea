-- Shaped like native-apps-examples @ 4dda4e64, tasks-streams/app/setup_script.sql: a stream on the
-- application's table, which Frostgate does not emulate, so the install fails there.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;
CREATE OR ALTER VERSIONED SCHEMA core;
CREATE SCHEMA IF NOT EXISTS internal;

CREATE OR REPLACE TABLE internal.incremented_values
(
    value number
);

CREATE OR REPLACE STREAM internal.incremented_values_stream
ON TABLE internal.incremented_values;
