package conformance

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/frostgate/frostgate/sferr"
)

// PG is the target that runs the suite over the PostgreSQL protocol
// against a Frostgate server ("frostgate serve", or emulator.Start), named
// "pg" in skipif/onlyif lines. It is built from a URL
//
//	pg://USER:PASSWORD@HOST:PORT/[?sslmode=...]
//
// whose user must be able to take role ACCOUNTADMIN (ADMIN in a fresh
// account). Each file starts with SELECT SYSTEM$FROSTGATE_RESET() in an
// ACCOUNTADMIN session, which gives the server a fresh account; a real
// PostgreSQL server or Snowflake account cannot be a PG target.
//
// Sessions are pgx connections in pgx's default mode (prepared statements
// with a cache, the extended protocol); the login role goes in the startup
// options ("-c role=R"). A Snowflake error is recovered from the
// ErrorResponse: its number from Detail ("Snowflake error 002003"), the
// SQLSTATE from Code, the message from Message.
type PG struct {
	base  *pgx.ConnConfig // the admin's login; copied for every session
	admin Login
}

// NewPG returns the target for a pg:// URL.
func NewPG(rawURL string) (*PG, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "pg" || u.User == nil || u.Host == "" {
		return nil, fmt.Errorf("target %q: want pg://USER:PASSWORD@HOST:PORT/", redact(rawURL))
	}
	password, _ := u.User.Password()
	u.Scheme, u.Path = "postgres", "/frostgate"
	q := u.Query()
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
		u.RawQuery = q.Encode()
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("target %q: %w", redact(rawURL), err)
	}
	return &PG{base: cfg, admin: Login{User: u.User.Username(), Password: password, Role: "ACCOUNTADMIN"}}, nil
}

// redact hides a URL's password in messages.
func redact(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Redacted()
	}
	return "pg://..."
}

// Name implements Target.
func (*PG) Name() string { return "pg" }

// OpenAccount implements Target: it resets the server's account.
func (t *PG) OpenAccount(ctx context.Context) (Account, error) {
	conn, err := t.connect(ctx, t.admin)
	if err != nil {
		return nil, fmt.Errorf("logging in to reset the account: %w", err)
	}
	defer conn.Close(ctx)
	// The reset ends every connection to the old account, this one too:
	// the simple protocol keeps it to one round trip.
	if _, err := conn.Exec(ctx, "SELECT SYSTEM$FROSTGATE_RESET()", pgx.QueryExecModeSimpleProtocol); err != nil {
		return nil, fmt.Errorf("resetting the account: %w", fromPG(err))
	}
	return &pgAccount{t: t}, nil
}

func (t *PG) connect(ctx context.Context, l Login) (*pgx.Conn, error) {
	cfg := t.base.Copy()
	cfg.User, cfg.Password = l.User, l.Password
	cfg.RuntimeParams = map[string]string{}
	for k, v := range t.base.RuntimeParams {
		cfg.RuntimeParams[k] = v
	}
	if l.Role != "" {
		cfg.RuntimeParams["options"] = "-c role=" + strings.ReplaceAll(l.Role, " ", `\ `)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fromPG(err)
	}
	return conn, nil
}

type pgAccount struct{ t *PG }

func (a *pgAccount) Admin() Login { return a.t.admin }

func (a *pgAccount) Open(ctx context.Context, l Login) (Session, error) {
	conn, err := a.t.connect(ctx, l)
	if err != nil {
		return nil, err
	}
	return &pgSession{conn: conn}, nil
}

func (a *pgAccount) Close() error { return nil }

type pgSession struct{ conn *pgx.Conn }

func (s *pgSession) Exec(ctx context.Context, sql string) (*Result, error) {
	rows, err := s.conn.Query(ctx, sql)
	if err != nil {
		return nil, fromPG(err)
	}
	defer rows.Close()
	out := &Result{}
	for _, f := range rows.FieldDescriptions() {
		out.Columns = append(out.Columns, f.Name)
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, fromPG(err)
		}
		for i, v := range vals {
			if n, ok := v.(pgtype.Numeric); ok {
				vals[i] = numericText(n)
			}
		}
		out.Rows = append(out.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fromPG(err)
	}
	return out, nil
}

func (s *pgSession) Close() error { return s.conn.Close(context.Background()) }

var detailNumber = regexp.MustCompile(`^Snowflake error (\d{6})$`)

// fromPG turns a PostgreSQL error that carries a Snowflake number back
// into the *sferr.Error the server started from; other errors pass
// through.
func fromPG(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	m := detailNumber.FindStringSubmatch(pe.Detail)
	if m == nil {
		return err
	}
	n, _ := strconv.Atoi(m[1])
	return &sferr.Error{Number: n, State: pe.Code, Message: pe.Message}
}

// numericText renders a PostgreSQL numeric with exactly the digits it
// carries ("10.50", "8"), as the in-process target gives a scaled NUMBER.
func numericText(n pgtype.Numeric) any {
	if !n.Valid {
		return nil
	}
	v, err := n.Value() // driver.Value: the decimal text, trailing zeros kept
	if err != nil {
		return fmt.Sprint(n)
	}
	return v
}
