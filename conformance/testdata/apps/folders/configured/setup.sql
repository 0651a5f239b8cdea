CREATE APPLICATION ROLE IF NOT EXISTS APP_ADMIN;
CREATE OR ALTER VERSIONED SCHEMA CONFIG;
GRANT USAGE ON SCHEMA CONFIG TO APPLICATION ROLE APP_ADMIN;

CREATE OR REPLACE PROCEDURE CONFIG.REGISTER_SINGLE_REFERENCE(REF_NAME STRING, OPERATION STRING, REF_OR_ALIAS STRING)
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
GRANT USAGE ON PROCEDURE CONFIG.REGISTER_SINGLE_REFERENCE(STRING, STRING, STRING) TO APPLICATION ROLE APP_ADMIN;

-- Seed 001's configuration callback, with two more answers: an ERROR and malformed JSON.
CREATE OR REPLACE PROCEDURE CONFIG.GET_CONFIGURATION_FOR_REFERENCE(ref_name STRING)
  RETURNS STRING
  LANGUAGE SQL
  AS
  $$
  BEGIN
    CASE (ref_name)
      WHEN 'CONSUMER_EXTERNAL_ACCESS' THEN
        RETURN '{
          "type": "CONFIGURATION",
          "payload":{
            "host_ports":["google.com", "analytics.googleapis.com:0"],
            "allowed_secrets" : "LIST",
            "secret_references":["CONSUMER_SECRET"]}}';
      WHEN 'CONSUMER_SECRET' THEN
        RETURN '{
          "type": "CONFIGURATION",
          "payload":{
            "type" : "OAUTH2",
            "security_integration": {
              "oauth_scopes": ["https://www.googleapis.com/auth/analytics.readonly"],
              "oauth_token_endpoint": "https://oauth2.googleapis.com/token",
              "oauth_authorization_endpoint":
                "https://accounts.google.com/o/oauth2/auth"}}}';
      WHEN 'NOT_READY' THEN
        RETURN '{"type": "ERROR", "payload": {"message": "The reference is not available for configuration yet."}}';
      WHEN 'BROKEN' THEN
        RETURN '{"type": "CONFIGURATION", "payload": {"host_ports": ["https://google.com/x"], "allowed_secrets": "NONE"}}';
    END CASE;
    RETURN '';
  END;
  $$;
GRANT USAGE ON PROCEDURE CONFIG.GET_CONFIGURATION_FOR_REFERENCE(STRING) TO APPLICATION ROLE APP_ADMIN;
