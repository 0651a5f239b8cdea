package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/frostgate/frostgate/emulator"
)

// An emulator for one test: a fresh account on an ephemeral port, reached
// in-process and over the PostgreSQL protocol.
func Example() {
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	// In-process, as ADMIN with role ACCOUNTADMIN.
	admin, err := srv.Admin(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, stmt := range []string{
		"CREATE ROLE analyst",
		"CREATE DATABASE sales",
		"GRANT USAGE ON DATABASE sales TO ROLE analyst",
		"GRANT ROLE analyst TO USER admin",
	} {
		if _, err := admin.Execute(ctx, stmt); err != nil {
			log.Fatal(err)
		}
	}

	// Over the PostgreSQL protocol, logged in with role ANALYST.
	conn, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", "ANALYST"))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, _ := conn.Query(ctx, "SHOW GRANTS TO ROLE analyst")
	for rows.Next() {
		vals, _ := rows.Values()
		fmt.Println(vals[1], vals[2], vals[3])
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// USAGE DATABASE SALES
}

// Snowflake's errors reach a PostgreSQL client as SQLSTATE, message, and
// the Snowflake error number in the Detail field.
func Example_errors() {
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	conn, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", ""))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)

	_, err = conn.Exec(ctx, "USE ROLE nobody")
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		fmt.Println(pgErr.Code)
		fmt.Println(pgErr.Detail)
		fmt.Println(pgErr.Message)
	}
	// Output:
	// 42501
	// Snowflake error 003013
	// SQL access control error:
	// Requested role 'NOBODY' is not assigned to the executing user.  Specify another role to activate.
}

// Reset gives a fresh account.
func ExampleServer_Reset() {
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	admin, _ := srv.Admin(ctx)
	if _, err := admin.Execute(ctx, "CREATE ROLE temporary"); err != nil {
		log.Fatal(err)
	}
	if err := srv.Reset(); err != nil {
		log.Fatal(err)
	}
	admin, _ = srv.Admin(ctx)
	_, err = admin.Execute(ctx, "DROP ROLE temporary")
	fmt.Println(err)
	// Output:
	// 002003 (02000): SQL compilation error:
	// Role 'TEMPORARY' does not exist or not authorized.
}

// A Native App test: install the sample application from its folder with
// the Go API, then act as the consumer over the PostgreSQL protocol: bind a
// table to the application's reference through its register callback and
// let the application write and read it.
func Example_nativeApp() {
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	admin, err := srv.Admin(ctx)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := admin.Execute(ctx, "CREATE APPLICATION PACKAGE sample_pkg"); err != nil {
		log.Fatal(err)
	}
	// The folder stands in for the stage a version is added from.
	if err := admin.AddApplicationVersion("SAMPLE_PKG", "V1", "../fixtures/apps/sample_app"); err != nil {
		log.Fatal(err)
	}
	if err := admin.CreateApplication("SAMPLE_APP", "SAMPLE_PKG", "V1"); err != nil {
		log.Fatal(err)
	}

	conn, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", ""))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		"CREATE DATABASE shop",
		"CREATE TABLE shop.public.exports (name VARCHAR, value VARCHAR)",
		`CALL sample_app.config.register_single_reference('consumer_table', 'ADD',
		   SYSTEM$REFERENCE('TABLE', 'shop.public.exports', 'PERSISTENT', 'SELECT', 'INSERT'))`,
		"CALL sample_app.config.export_settings()",
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			log.Fatal(stmt, ": ", err)
		}
	}
	var name, value string
	if err := conn.QueryRow(ctx, "SELECT name, value FROM shop.public.exports").Scan(&name, &value); err != nil {
		log.Fatal(err)
	}
	fmt.Println(name, "=", value)
	var n int
	if err := conn.QueryRow(ctx, "CALL sample_app.config.count_consumer_rows()").Scan(&n); err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, "row")
	// Output:
	// greeting = hello from the sample app
	// 1 row
}
