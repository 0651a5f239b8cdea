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
