// Command startup measures, over repeated whole-process runs, how long
// "frostgate serve" takes from exec until its PostgreSQL listener accepts
// a connection, and until a first query over it has its answer.
//
//	go build -o /tmp/frostgate ./cmd/frostgate
//	go run ./bench/startup -bin /tmp/frostgate -n 30
//
// Each run picks a free port, starts the binary, dials every 200 µs until
// the port accepts, then logs in with pgx (SCRAM-SHA-256) and runs
// SELECT CURRENT_ROLE(); the process is then stopped with SIGTERM. The
// figures are wall-clock times from just before exec.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	bin := flag.String("bin", "frostgate", "the frostgate binary")
	n := flag.Int("n", 20, "number of runs")
	flag.Parse()
	var accept, query []time.Duration
	for i := 0; i < *n; i++ {
		a, q, err := once(*bin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		accept, query = append(accept, a), append(query, q)
	}
	fmt.Printf("%d runs of %s serve\n", *n, *bin)
	report("listener accepts", accept)
	report("first query answered", query)
}

func once(bin string) (accept, query time.Duration, err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	addr := l.Addr().String()
	l.Close()

	cmd := exec.Command(bin, "serve", "--pg-addr", addr, "--log-level", "error")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 10*time.Second {
			return 0, 0, fmt.Errorf("%s did not listen on %s: %w", bin, addr, err)
		}
		time.Sleep(200 * time.Microsecond)
	}
	accept = time.Since(start)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "postgres://ADMIN:admin@"+addr+"/frostgate?sslmode=disable")
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close(ctx)
	var role string
	if err := conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&role); err != nil {
		return 0, 0, err
	}
	return accept, time.Since(start), nil
}

func report(what string, d []time.Duration) {
	slices.Sort(d)
	pct := func(p float64) time.Duration { return d[int(p*float64(len(d)-1))] }
	fmt.Printf("  %-22s min %6.1f ms  median %6.1f ms  p90 %6.1f ms  max %6.1f ms\n", what,
		ms(d[0]), ms(pct(0.5)), ms(pct(0.9)), ms(d[len(d)-1]))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
