-- Shaped like native-apps-examples @ 4dda4e64, mailorder/app/setup.sql: each table in a file of
-- its own, one of them numbered by a sequence.
create application role if not exists app_admin;

create or alter versioned schema data;
    execute immediate from './data/regions.sql';
    execute immediate from './data/receipts.sql';
