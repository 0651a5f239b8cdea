// Command frostgate is the Frostgate binary: a local emulator of Snowflake's
// access control, and the runner of its conformance suite.
//
//	frostgate serve [--pg-addr HOST:PORT] [--admin-password PASSWORD] ...
//	frostgate conformance [--target inproc|pg://USER:PASSWORD@HOST:PORT/] PATH...
//	frostgate version
//
// serve runs a fresh account behind the PostgreSQL protocol (127.0.0.1:5433
// by default; psql is the shell) until SIGINT or SIGTERM; every flag has a
// FROSTGATE_* environment variable (frostgate serve -h lists them).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"

	"github.com/frostgate/frostgate/conformance"
)

// version is set at link time with -ldflags "-X main.version=vX.Y.Z";
// otherwise the module version from the build information is used.
var version = ""

const usage = `Usage:
  frostgate serve [--pg-addr HOST:PORT] [--admin-password PASSWORD] [flags]
        serve a fresh account over the PostgreSQL protocol (frostgate serve -h for all flags)
  frostgate conformance [--target inproc|pg://USER:PASSWORD@HOST:PORT/] PATH...
        run conformance files (PATH is a *.test file or a folder of them)
  frostgate version
        print the version
`

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run runs one subcommand and returns the exit status: 0 on success, 1 on
// failure, 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "conformance":
		return runConformance(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "frostgate %s (%s)\n", versionString(), runtime.Version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "frostgate: unknown command %q\n%s", args[0], usage)
	return 2
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// newFlags returns a flag set that reports to stderr.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: frostgate %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseStatus returns the exit status for a flag parsing error.
func parseStatus(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func runConformance(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("conformance", "[--target inproc|pg://...|snowflake://...] PATH...", stderr)
	targetName := fs.String("target", "inproc", "`target` to run against: inproc, pg://USER:PASSWORD@HOST:PORT/, or snowflake://USER:PASSWORD@HOST:PORT/?account=NAME&protocol=http")
	if err := fs.Parse(args); err != nil {
		return parseStatus(err)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "frostgate conformance: no PATH given")
		fs.Usage()
		return 2
	}
	target, err := conformance.NewTarget(*targetName)
	if err != nil {
		fmt.Fprintf(stderr, "frostgate conformance: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	r := &conformance.Runner{Target: target, Out: stdout}
	rep, err := r.Run(ctx, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "frostgate conformance: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, rep.Summary())
	if !rep.OK() {
		return 1
	}
	return 0
}
