create table if not exists
    data.regions (
        id text not null primary key,
        tax_amount_pct float not null
    );

grant select on data.regions to application role app_admin;
