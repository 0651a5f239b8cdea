-- Probes the tests call: the application reads what the package shares and nothing else, and
-- writes none of it.
create or replace procedure shared_content.run(stmt varchar)
returns varchar
language sql
as
$$
    begin
        execute immediate :stmt;
        return 'ok';
    end;
$$;

grant usage on procedure shared_content.run(varchar) to application role app_viewer;
