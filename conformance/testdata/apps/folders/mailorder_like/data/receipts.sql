create sequence if not exists data.receipt_id_seq;

create table if not exists
    data.receipts (
        id integer not null primary key default data.receipt_id_seq.NEXTVAL,
        region_id text not null references data.regions(id)
    );
