-- Shaped like Snowflake-Labs/sfguide-native-apps-chairlift @ f061eac8, app/setup_script.sql (written
-- for Frostgate): two application roles, schemas whose objects live in files of their own included
-- with EXECUTE IMMEDIATE FROM, relative to this script.
create application role if not exists app_admin;
create application role if not exists app_viewer;

grant application role app_viewer to application role app_admin;

create schema if not exists config_data;
    grant usage on schema config_data to application role app_admin;
    execute immediate from './sql_lib/config_data-configuration.sql';

create or alter versioned schema ui;
    grant usage on schema ui to application role app_viewer;
    execute immediate from './sql_lib/ui-v_dashboard.sql';

create or alter versioned schema config_code;
    grant usage on schema config_code to application role app_admin;
    execute immediate from './sql_lib/config_code-register_single_callback.sql';

create or alter versioned schema warnings_code;
    grant usage on schema warnings_code to application role app_viewer;
    execute immediate from 'sql_lib/warnings_code-check_readings.sql';
