-- Shaped like sfguide-native-apps-chairlift @ f061eac8, app/setup_script.sql and
-- app/sql_lib/shared_content-*.sql (written for Frostgate): views of the application's own over
-- the package's shared content, which the setup script names by the package's schema name.
CREATE APPLICATION ROLE IF NOT EXISTS app_viewer;
CREATE OR ALTER VERSIONED SCHEMA shared_content;
GRANT USAGE ON SCHEMA shared_content TO APPLICATION ROLE app_viewer;
EXECUTE IMMEDIATE FROM './sql_lib/shared_content-views.sql';
EXECUTE IMMEDIATE FROM './sql_lib/shared_content-probes.sql';
