-- Shaped like snowflakedb/snowflake-cli-templates @ aa4a6f90, app_streamlit_python/app/setup_script.sql
-- (written for Frostgate): Python code the CLI deploys beside this script (IMPORTS, FROM '/streamlit/'),
-- which Frostgate neither reads nor runs, and a SQL procedure it does run.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;

CREATE OR ALTER VERSIONED SCHEMA core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_public;

CREATE OR REPLACE FUNCTION core.add(x NUMBER, y NUMBER)
  RETURNS NUMBER
  LANGUAGE PYTHON
  RUNTIME_VERSION=3.11
  PACKAGES=('snowflake-snowpark-python')
  IMPORTS=('/module-add/add.py')
  HANDLER='add.add_fn';

CREATE OR REPLACE PROCEDURE core.increment_by_one(x NUMBER)
  RETURNS NUMBER
  LANGUAGE PYTHON
  RUNTIME_VERSION=3.11
  PACKAGES=('snowflake-snowpark-python')
  IMPORTS=('/module-add/add.py')
  HANDLER='add.increment_by_one_fn';

CREATE OR REPLACE PROCEDURE core.hello()
  RETURNS STRING
  LANGUAGE SQL
  AS $$ BEGIN RETURN 'Hello from the app'; END; $$;

GRANT USAGE ON FUNCTION core.add(NUMBER, NUMBER) TO APPLICATION ROLE app_public;
GRANT USAGE ON PROCEDURE core.increment_by_one(NUMBER) TO APPLICATION ROLE app_public;
GRANT USAGE ON PROCEDURE core.hello() TO APPLICATION ROLE app_public;

CREATE OR REPLACE STREAMLIT core.ui
     FROM '/streamlit/'
     MAIN_FILE = 'ui.py'
     TITLE = 'Hello app'
     COMMENT = 'the app''s UI';

GRANT USAGE ON STREAMLIT core.ui TO APPLICATION ROLE app_public;
