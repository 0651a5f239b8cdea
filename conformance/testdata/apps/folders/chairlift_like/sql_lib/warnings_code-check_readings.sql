-- Counts the readings above a threshold through a cursor over the two bound tables.
create or replace procedure warnings_code.check_readings(threshold number)
returns varchar
language sql
as
$$
    declare
        out_of_range int default 0;
        c1 cursor for
            select sre.reading, s.max_range
                from reference('sensor_readings') sre
                join reference('sensors') s on s.uuid = sre.sensor_uuid
                where sre.reading > ?
                order by sre.reading asc;
    begin
        system$log_info('check_readings() started');
        open c1 using(threshold);
        for record in c1 do
            let reading integer default record.reading;
            let max_range integer default record.max_range;
            if (reading > max_range) then
                out_of_range := out_of_range + 1;
            end if;
        end for;
        return out_of_range || ' out of range';
    end;
$$;

grant usage on procedure warnings_code.check_readings(number) to application role app_viewer;
