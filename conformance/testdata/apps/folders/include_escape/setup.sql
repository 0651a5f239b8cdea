-- Reaches outside the application folder.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;
EXECUTE IMMEDIATE FROM '../bad_script/setup.sql';
