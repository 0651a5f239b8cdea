package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/frostgate/frostgate/emulator"
	"github.com/frostgate/frostgate/wire/pgwire"
)

// Default listen addresses, on loopback so that nothing is exposed by
// accident. 5433 sits next to PostgreSQL's 5432 (PostgreSQL tools users
// recognise it) without taking it from a local PostgreSQL; 8085 is a free
// neighbour of the crowded 8080.
const (
	defaultPGAddr   = "127.0.0.1:5433"
	defaultHTTPAddr = "127.0.0.1:8085"
)

// lookupEnv reads FROSTGATE_* settings; tests replace it.
var lookupEnv = os.LookupEnv

const serveArgs = "[--pg-addr HOST:PORT] [--http-addr HOST:PORT] [--admin-password PASSWORD] [--pg-auth METHOD] [--log-level LEVEL] [--log-format text|json] [--tls-cert FILE --tls-key FILE | --tls-self-signed] [--pg-trace FILE] [--app-root DIR]"

// serveFlags are serve's settings; each flag has a FROSTGATE_* variable
// that sets its default.
type serveFlags struct {
	pgAddr, httpAddr, adminPassword, pgAuth string
	logLevel, logFormat                     string
	tlsCert, tlsKey, pgTrace, appRoot       string
	tlsSelfSigned                           bool
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", serveArgs, stderr)
	var f serveFlags
	envs := map[string]string{} // flag name -> its FROSTGATE_* variable
	str := func(p *string, name, env, def, usage string) {
		fs.StringVar(p, name, def, usage+" (env "+env+")")
		envs[name] = env
	}
	str(&f.pgAddr, "pg-addr", "FROSTGATE_PG_ADDR", defaultPGAddr, "`HOST:PORT` of the PostgreSQL protocol listener")
	str(&f.httpAddr, "http-addr", "FROSTGATE_HTTP_ADDR", defaultHTTPAddr, "`HOST:PORT` of the Snowflake HTTP protocol listener")
	str(&f.adminPassword, "admin-password", "FROSTGATE_ADMIN_PASSWORD", emulator.DefaultAdminPassword, "`password` of user ADMIN")
	str(&f.pgAuth, "pg-auth", "FROSTGATE_PG_AUTH", pgwire.AuthSCRAM.String(), "PostgreSQL authentication `method`: scram-sha-256, md5 or password")
	str(&f.logLevel, "log-level", "FROSTGATE_LOG_LEVEL", "info", "`level` of logging: debug, info, warn or error")
	str(&f.logFormat, "log-format", "FROSTGATE_LOG_FORMAT", "text", "log `format`: text or json")
	str(&f.tlsCert, "tls-cert", "FROSTGATE_TLS_CERT", "", "PEM certificate `file` for TLS")
	str(&f.tlsKey, "tls-key", "FROSTGATE_TLS_KEY", "", "PEM private key `file` for TLS")
	str(&f.pgTrace, "pg-trace", "FROSTGATE_PG_TRACE", "", "`file` to trace PostgreSQL messages to (- for standard error)")
	str(&f.appRoot, "app-root", "FROSTGATE_APP_ROOT", "", "`folder` relative application folders (ADD VERSION ... USING 'dir') resolve against; default the working directory")
	fs.BoolVar(&f.tlsSelfSigned, "tls-self-signed", false, "serve TLS with a new self-signed certificate (env FROSTGATE_TLS_SELF_SIGNED)")
	envs["tls-self-signed"] = "FROSTGATE_TLS_SELF_SIGNED"
	if err := fs.Parse(args); err != nil {
		return parseStatus(err)
	}
	// A variable applies where its flag was not given; it is not shown as
	// the flag's default by -h, which could print a password.
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	for name, env := range envs {
		if v, ok := lookupEnv(env); ok && !given[name] {
			if err := fs.Set(name, v); err != nil {
				fmt.Fprintf(stderr, "frostgate serve: %s=%q: %v\n", env, v, err)
				return 2
			}
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "frostgate serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	opts, closeTrace, err := f.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "frostgate serve: %v\n", err)
		return 2
	}
	defer closeTrace()

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := emulator.Start(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "frostgate serve: %v\n", err)
		return 1
	}
	printConnect(stdout, srv, f, opts)
	<-ctx.Done()
	opts.Logger.Info("shutting down")
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "frostgate serve: %v\n", err)
		return 1
	}
	return 0
}

// options turns the flags into emulator options.
func (f *serveFlags) options(stderr io.Writer) (emulator.Options, func(), error) {
	noop := func() {}
	opts := emulator.Options{AdminPassword: f.adminPassword, PGAddr: f.pgAddr, AppRoot: f.appRoot}
	var err error
	if opts.PGAuth, err = pgwire.ParseAuthMethod(f.pgAuth); err != nil {
		return opts, noop, err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return opts, noop, fmt.Errorf("--log-level: %w", err)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch f.logFormat {
	case "text":
		opts.Logger = slog.New(slog.NewTextHandler(stderr, hopts))
	case "json":
		opts.Logger = slog.New(slog.NewJSONHandler(stderr, hopts))
	default:
		return opts, noop, fmt.Errorf("--log-format %q: want text or json", f.logFormat)
	}
	if opts.TLS, err = f.tls(); err != nil {
		return opts, noop, err
	}
	opts.HTTPAddr = f.httpAddr
	switch f.pgTrace {
	case "":
	case "-":
		opts.Trace = stderr
	default:
		file, err := os.Create(f.pgTrace)
		if err != nil {
			return opts, noop, err
		}
		opts.Trace = file
		return opts, func() { file.Close() }, nil
	}
	return opts, noop, nil
}

func (f *serveFlags) tls() (*tls.Config, error) {
	switch {
	case f.tlsSelfSigned && (f.tlsCert != "" || f.tlsKey != ""):
		return nil, errors.New("--tls-self-signed and --tls-cert/--tls-key exclude each other")
	case f.tlsSelfSigned:
		return emulator.SelfSignedTLS()
	case f.tlsCert != "" && f.tlsKey != "":
		return emulator.LoadTLS(f.tlsCert, f.tlsKey)
	case f.tlsCert != "" || f.tlsKey != "":
		return nil, errors.New("--tls-cert and --tls-key go together")
	}
	return nil, nil
}

// printConnect tells the user how to connect. The admin password is
// printed only when it is the well-known default.
func printConnect(w io.Writer, srv *emulator.Server, f serveFlags, opts emulator.Options) {
	host, port := srv.PGAddr, ""
	if i := strings.LastIndex(host, ":"); i >= 0 {
		host, port = strings.Trim(host[:i], "[]"), host[i+1:]
	}
	password, shown := f.adminPassword, "password "+f.adminPassword
	if password != emulator.DefaultAdminPassword {
		password, shown = "PASSWORD", "the password given with --admin-password"
	}
	sslmode := "disable"
	if opts.TLS != nil {
		sslmode = "require"
	}
	fmt.Fprintf(w, "Frostgate %s: a fresh Snowflake account; log in as user %s (%s), role ACCOUNTADMIN.\n",
		versionString(), emulator.AdminUser, shown)
	fmt.Fprintf(w, "PostgreSQL protocol on %s\n", srv.PGAddr)
	fmt.Fprintf(w, "  psql \"host=%s port=%s user=%s dbname=frostgate sslmode=%s\"\n", host, port, emulator.AdminUser, sslmode)
	fmt.Fprintf(w, "  pgx  %s\n", srv.PGConnString(emulator.AdminUser, password, ""))
	fmt.Fprintf(w, "Snowflake HTTP protocol on %s\n", srv.SnowflakeURL)
	fmt.Fprintf(w, "  gosnowflake DSN  %s\n", srv.SnowflakeDSN(emulator.AdminUser, password, ""))
	fmt.Fprintln(w, "Stop with Ctrl-C.")
}
