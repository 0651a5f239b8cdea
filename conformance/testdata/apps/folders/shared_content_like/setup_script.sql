-- Shaped like native-apps-examples @ 4dda4e64, reference-usage/app/setup_script.sql: a view over
-- the provider's content shared through the application package (GRANT ... TO SHARE IN APPLICATION
-- PACKAGE). Used by apps/not_emulated.test (a package sharing nothing) and apps/shared_content.test.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;
CREATE OR ALTER VERSIONED SCHEMA core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_public;

CREATE VIEW IF NOT EXISTS core.shared_view
AS SELECT * FROM package_shared.view_shared;
