-- The package's schema PACKAGE_SHARED, seen inside the application.
create or replace view shared_content.sensor_types_view as select * from package_shared.sensor_types;
grant select on view shared_content.sensor_types_view to application role app_viewer;
