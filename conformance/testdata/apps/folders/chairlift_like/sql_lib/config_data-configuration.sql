-- One row of application state; the column added later by an anonymous block that tolerates a
-- second run (an upgrade), and a grant that names the table without the TABLE keyword.
create
    table if not exists config_data.configuration (
        is_first_time_setup_dismissed boolean not null
    );

execute immediate $$
    begin
        alter table config_data.configuration
            add column enable_check_task boolean default false;
    exception
        when other then
            return 1;
    end;
$$
;

insert into config_data.configuration
    (is_first_time_setup_dismissed, enable_check_task)
select
    false, false
where not exists (select 1 from config_data.configuration limit 1);

grant select, update on config_data.configuration to application role app_admin;
