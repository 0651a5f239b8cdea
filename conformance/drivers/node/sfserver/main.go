// Command sfserver serves Frostgate's Snowflake protocol over a fresh
// account for the Node.js driver test (../test): it prints
//
//	listening http://127.0.0.1:PORT
//
// on standard output once it accepts connections, and stops when standard
// input closes or on SIGINT/SIGTERM. Besides the protocol it answers
// POST /test/inproc {"user","password","role","sql"} with the statement's
// result computed in-process, {"columns":[...],"rows":[[...]]} (timestamps
// as Unix milliseconds), so the test can compare what the driver reads with
// what the engine says. A test tool, not a way to run Frostgate.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sfserver:", err)
		os.Exit(1)
	}
}

func run() error {
	eng := sqlengine.New(account.New(account.Config{}))
	sf := snowflake.New(snowflake.Config{
		Engine: func() *sqlengine.Engine { return eng },
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	defer sf.Close()
	mux := http.NewServeMux()
	mux.Handle("/", sf)
	mux.HandleFunc("POST /test/inproc", func(w http.ResponseWriter, r *http.Request) { inproc(eng, w, r) })

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Printf("listening http://%s\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func inproc(eng *sqlengine.Engine, w http.ResponseWriter, r *http.Request) {
	var req struct{ User, Password, Role, SQL string }
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sess, err := eng.Open(r.Context(), sqlengine.Login{User: req.User, Password: req.Password, Role: req.Role})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer sess.Close()
	res, err := sess.Execute(r.Context(), req.SQL)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := struct {
		Columns []string `json:"columns"`
		Rows    [][]any  `json:"rows"`
	}{Rows: [][]any{}}
	for _, c := range res.Columns() {
		out.Columns = append(out.Columns, c.Name)
	}
	for {
		row := make([]any, len(out.Columns))
		if err := res.Next(row); errors.Is(err, io.EOF) {
			break
		}
		for i, v := range row {
			if t, ok := v.(time.Time); ok {
				row[i] = t.UnixMilli()
			}
		}
		out.Rows = append(out.Rows, row)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
