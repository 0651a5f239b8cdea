-- Shaped like native-apps-examples @ 4dda4e64, account-privileges/app/setup_script.sql and
-- external-access-integration/app/setup_script.sql (written for Frostgate).
CREATE APPLICATION ROLE IF NOT EXISTS app_public;

CREATE OR ALTER VERSIONED SCHEMA core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_public;
CREATE OR ALTER VERSIONED SCHEMA config;
GRANT USAGE ON SCHEMA config TO APPLICATION ROLE app_public;

CREATE OR REPLACE PROCEDURE config.register_single_reference(ref_name STRING, operation STRING, ref_or_alias STRING)
  RETURNS STRING
  LANGUAGE SQL
  AS $$
    BEGIN
      CASE (operation)
        WHEN 'ADD' THEN
          SELECT SYSTEM$SET_REFERENCE(:ref_name, :ref_or_alias);
        WHEN 'REMOVE' THEN
          SELECT SYSTEM$REMOVE_REFERENCE(:ref_name);
        WHEN 'CLEAR' THEN
          SELECT SYSTEM$REMOVE_REFERENCE(:ref_name);
      ELSE
        RETURN 'unknown operation: ' || operation;
      END CASE;
      RETURN NULL;
    END;
  $$;
GRANT USAGE ON PROCEDURE config.register_single_reference(STRING, STRING, STRING)
  TO APPLICATION ROLE app_public;

CREATE OR REPLACE PROCEDURE config.get_configuration(ref_name STRING)
RETURNS STRING
LANGUAGE SQL
AS
$$
BEGIN
  CASE (UPPER(ref_name))
      WHEN 'EXTERNAL_ACCESS_REFERENCE' THEN
          RETURN OBJECT_CONSTRUCT(
              'type', 'CONFIGURATION',
              'payload', OBJECT_CONSTRUCT(
                  'host_ports', ARRAY_CONSTRUCT('api.example.com'),
                  'allowed_secrets', 'NONE')
          )::STRING;
      ELSE
          RETURN '';
  END CASE;
END;
$$;
GRANT USAGE ON PROCEDURE config.get_configuration(STRING) TO APPLICATION ROLE app_public;

-- CALL ... INTO RESULT, without the colon before the variable.
CREATE PROCEDURE IF NOT EXISTS core.app_procedure(x NUMBER, y NUMBER)
RETURNS NUMBER
LANGUAGE SQL
AS
$$
  DECLARE
    RESULT NUMBER;
  BEGIN
    CALL reference('procedure_reference')(:x, :y) INTO RESULT;
    RETURN RESULT;
  END;
$$;

CREATE OR REPLACE PROCEDURE core.app_update_table(x NUMBER)
RETURNS BOOLEAN
LANGUAGE SQL
AS
$$
    BEGIN
        INSERT INTO reference('table_reference') VALUES (:x);
        RETURN TRUE;
    END;
$$;

-- Creates the procedures that need the bound integration once it is there.
CREATE OR REPLACE PROCEDURE core.create_eai_objects()
RETURNS STRING
LANGUAGE SQL
AS
$$
BEGIN
  CREATE PROCEDURE IF NOT EXISTS core.get_coins()
  RETURNS VARIANT
  LANGUAGE PYTHON
  RUNTIME_VERSION = 3.11
  IMPORTS = ('/module-api/coins.py')
  EXTERNAL_ACCESS_INTEGRATIONS = (reference('external_access_reference'))
  PACKAGES = ('snowflake-snowpark-python', 'requests')
  HANDLER = 'coins.get_coins';
  RETURN 'SUCCESS';
END;
$$;

GRANT USAGE ON PROCEDURE core.app_procedure(NUMBER, NUMBER) TO APPLICATION ROLE app_public;
GRANT USAGE ON PROCEDURE core.app_update_table(NUMBER) TO APPLICATION ROLE app_public;
GRANT USAGE ON PROCEDURE core.create_eai_objects() TO APPLICATION ROLE app_public;

CREATE STREAMLIT core.ui
     FROM '/streamlit/'
     MAIN_FILE = 'ui.py';
GRANT USAGE ON STREAMLIT core.ui TO APPLICATION ROLE app_public;
