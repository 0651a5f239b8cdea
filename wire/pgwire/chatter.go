package pgwire

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/sferr"
)

// PostgreSQL session chatter: statements that drivers and psql send by
// themselves (pgjdbc's SET extra_float_digits, SHOW server_version,
// SELECT version(), BEGIN/COMMIT around a batch). They are answered here
// from the connection's own settings and never reach the Snowflake engine,
// which would reject them. Only exact PostgreSQL forms are recognised, so
// Snowflake statements such as SET var = value or SHOW ROLES pass through.

// chatter is one recognised statement.
type chatter struct {
	tag     string   // CommandComplete tag
	columns []string // text result columns; none for SET, BEGIN ...
	run     func(c *conn) ([][]string, error)
}

var (
	reSet        = regexp.MustCompile(`(?i)^set\s+(?:(session|local)\s+)?([a-z_][a-z0-9_.]*)\s*(=|\s+to\s+)\s*(.+)$`)
	reSetSpecial = regexp.MustCompile(`(?i)^set\s+(?:(?:session|local)\s+)?(time\s+zone|names|session\s+characteristics\s+as\s+transaction|transaction)\b\s*(.*)$`)
	reReset      = regexp.MustCompile(`(?i)^reset\s+(all|[a-z_][a-z0-9_.]*)$`)
	reShow       = regexp.MustCompile(`(?i)^show\s+(all|time\s+zone|transaction\s+isolation\s+level|session\s+authorization|[a-z_][a-z0-9_.]*)$`)
	reVersion    = regexp.MustCompile(`(?i)^select\s+(?:pg_catalog\.)?version\s*\(\s*\)$`)
	reSetting    = regexp.MustCompile(`(?i)^select\s+(?:pg_catalog\.)?current_setting\s*\(\s*'([^']+)'\s*(?:,\s*(?:true|false)\s*)?\)$`)
	reBegin      = regexp.MustCompile(`(?i)^(?:begin|start\s+transaction)(?:\s+(?:work|transaction))?((?:[\s,]+(?:isolation\s+level\s+(?:serializable|repeatable\s+read|read\s+committed|read\s+uncommitted)|read\s+only|read\s+write|not\s+deferrable|deferrable))*)$`)
	reCommit     = regexp.MustCompile(`(?i)^(?:commit|end)(?:\s+(?:work|transaction))?(?:\s+and\s+(?:no\s+)?chain)?$`)
	reRollback   = regexp.MustCompile(`(?i)^(?:rollback|abort)(?:\s+(?:work|transaction))?(?:\s+and\s+(?:no\s+)?chain)?$`)
	reDiscard    = regexp.MustCompile(`(?i)^discard\s+(all|plans|sequences|temp|temporary)$`)
	reCatalog    = regexp.MustCompile(`(?i)\bpg_catalog\s*\.|\b(?:from|join)\s+pg_(?:type|class|namespace|attribute|attrdef|proc|database|settings|roles|user|authid|auth_members|index|indexes|constraint|description|tables|views|matviews|stat_activity|am|extension|enum|range|inherits|trigger|policy|collation|operator|opclass|language|tablespace|sequence|locks|prepared_statements|timezone_names|available_extensions)\b`)
	reSpace      = regexp.MustCompile(`\s+`)
	reString     = regexp.MustCompile(`'(?:[^']|'')*'`)
)

// chatterWords are the first words of every statement classify knows.
var chatterWords = map[string]bool{"set": true, "reset": true, "show": true, "select": true, "with": true,
	"begin": true, "start": true, "commit": true, "end": true, "rollback": true, "abort": true, "discard": true}

// pgDefaults are the PostgreSQL parameters SHOW and current_setting know,
// with their values in a new session.
var pgDefaults = map[string]string{
	"server_version_num": "150000", "server_encoding": "UTF8", "client_encoding": "UTF8",
	"datestyle": "ISO, MDY", "intervalstyle": "postgres", "timezone": "UTC", "integer_datetimes": "on",
	"standard_conforming_strings": "on", "is_superuser": "off", "application_name": "",
	"extra_float_digits": "1", "search_path": `"$user", public`, "statement_timeout": "0",
	"lock_timeout": "0", "idle_in_transaction_session_timeout": "0", "idle_session_timeout": "0",
	"client_min_messages": "notice", "bytea_output": "hex", "default_transaction_isolation": "read committed",
	"transaction_isolation": "read committed", "default_transaction_read_only": "off",
	"transaction_read_only": "off", "max_identifier_length": "255", "in_hot_standby": "off",
	"lc_messages": "C", "lc_monetary": "C", "lc_numeric": "C", "lc_time": "C", "lc_collate": "C",
	"lc_ctype": "C", "jit": "off", "work_mem": "4MB", "synchronous_commit": "on", "row_security": "on",
	"max_parallel_workers_per_gather": "2", "geqo": "on", "enable_seqscan": "on",
	"default_transaction_deferrable": "off", "xmloption": "content", "timezone_abbreviations": "Default",
	"server_version": "", "session_authorization": "",
	"snowflake.role": "", "snowflake.database": "", "snowflake.schema": "", "snowflake.warehouse": "",
}

// pgName folds a parameter name the way PostgreSQL does, and maps the
// multi-word spellings to their parameter.
func pgName(name string) string {
	switch name = reSpace.ReplaceAllString(strings.ToLower(name), " "); name {
	case "time zone":
		return "timezone"
	case "transaction isolation level":
		return "transaction_isolation"
	case "session authorization":
		return "session_authorization"
	case "names":
		return "client_encoding"
	}
	return name
}

func known(name string) bool { _, ok := pgDefaults[name]; return ok }

// setting returns a parameter's current value in the session.
func (c *conn) setting(name string) string {
	st := c.sess.State()
	switch name {
	case "server_version":
		return c.srv.cfg.ServerVersion
	case "session_authorization":
		return st.User
	case "snowflake.role":
		return st.Role
	case "snowflake.database":
		return st.Database
	case "snowflake.schema":
		return st.Schema
	case "snowflake.warehouse":
		return st.Warehouse
	}
	if v, ok := c.gucs[name]; ok {
		return v
	}
	return pgDefaults[name]
}

// reported are the parameters PostgreSQL reports with ParameterStatus
// when a SET changes them.
var reported = map[string]string{"application_name": "application_name"}

// classify recognises PostgreSQL chatter; nil means the statement is
// Snowflake SQL.
func classify(sql string) *chatter {
	s := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(sql), ";"))
	// Most statements are Snowflake SQL: decide on the first word before
	// any regular expression runs.
	first := s
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		first = s[:i]
	}
	if !chatterWords[strings.ToLower(first)] {
		return nil
	}
	lower := strings.ToLower(s)
	if first := strings.ToLower(first); (first == "select" || first == "with") &&
		!strings.Contains(lower, "version") && !strings.Contains(lower, "current_setting") && !strings.Contains(lower, "pg_") {
		return nil
	}
	s = reSpace.ReplaceAllString(s, " ")
	lower = strings.ToLower(s)
	if m := reSetSpecial.FindStringSubmatch(s); m != nil {
		name := pgName(m[1])
		if name != "timezone" && name != "client_encoding" {
			return &chatter{tag: "SET", run: func(*conn) ([][]string, error) { return nil, nil }}
		}
		return setChatter(name, m[2])
	}
	if m := reSet.FindStringSubmatch(s); m != nil {
		name := pgName(m[2])
		if m[1] == "" && strings.TrimSpace(m[3]) == "=" && !known(name) {
			return nil // Snowflake's SET variable = value
		}
		return setChatter(name, m[4])
	}
	if m := reReset.FindStringSubmatch(s); m != nil {
		name := pgName(m[1])
		return &chatter{tag: "RESET", run: func(c *conn) ([][]string, error) {
			if name == "all" {
				c.gucs = map[string]string{}
			} else {
				delete(c.gucs, name)
			}
			return nil, nil
		}}
	}
	if m := reShow.FindStringSubmatch(s); m != nil {
		name := pgName(m[1])
		switch {
		case name == "all":
			return &chatter{tag: "SHOW", columns: []string{"name", "setting", "description"}, run: func(c *conn) ([][]string, error) {
				names := make([]string, 0, len(pgDefaults))
				for n := range pgDefaults {
					names = append(names, n)
				}
				sort.Strings(names)
				rows := make([][]string, len(names))
				for i, n := range names {
					rows[i] = []string{n, c.setting(n), ""}
				}
				return rows, nil
			}}
		case known(name):
			return &chatter{tag: "SHOW", columns: []string{name}, run: func(c *conn) ([][]string, error) {
				return [][]string{{c.setting(name)}}, nil
			}}
		}
		return nil
	}
	if reVersion.MatchString(s) {
		return &chatter{tag: "SELECT 1", columns: []string{"version"}, run: func(c *conn) ([][]string, error) {
			return [][]string{{"PostgreSQL " + c.srv.cfg.ServerVersion + " (Frostgate, a Snowflake access-control emulator)"}}, nil
		}}
	}
	if m := reSetting.FindStringSubmatch(s); m != nil {
		name := pgName(m[1])
		return &chatter{tag: "SELECT 1", columns: []string{"current_setting"}, run: func(c *conn) ([][]string, error) {
			if !known(name) {
				return nil, &pgError{code: "42704", msg: `unrecognized configuration parameter "` + m[1] + `"`}
			}
			return [][]string{{c.setting(name)}}, nil
		}}
	}
	if reBegin.MatchString(s) {
		return &chatter{tag: "BEGIN", run: func(c *conn) ([][]string, error) { c.txStatus = 'T'; return nil, nil }}
	}
	if reCommit.MatchString(s) {
		return &chatter{tag: "COMMIT", run: func(c *conn) ([][]string, error) { c.txStatus = 'I'; return nil, nil }}
	}
	if reRollback.MatchString(s) {
		return &chatter{tag: "ROLLBACK", run: func(c *conn) ([][]string, error) {
			c.txStatus = 'I'
			c.send(&pgproto3.NoticeResponse{Severity: "WARNING", SeverityUnlocalized: "WARNING", Code: "01000",
				Message: "ROLLBACK undoes nothing: every Frostgate statement commits on its own, as Snowflake's DDL does"})
			return nil, nil
		}}
	}
	if m := reDiscard.FindStringSubmatch(s); m != nil {
		return &chatter{tag: "DISCARD " + strings.ToUpper(m[1]), run: func(*conn) ([][]string, error) { return nil, nil }}
	}
	if (strings.HasPrefix(lower, "select") || strings.HasPrefix(lower, "with")) && reCatalog.MatchString(reString.ReplaceAllString(s, "''")) {
		return &chatter{tag: "SELECT 0", run: func(*conn) ([][]string, error) {
			return nil, sferr.Unsupported("the PostgreSQL catalog (pg_catalog); use SHOW and DESCRIBE")
		}}
	}
	return nil
}

// setChatter sets a PostgreSQL parameter for the session.
func setChatter(name, value string) *chatter {
	value = strings.TrimSpace(value)
	if len(value) >= 2 && (value[0] == '\'' && value[len(value)-1] == '\'') {
		value = strings.ReplaceAll(value[1:len(value)-1], "''", "'")
	}
	return &chatter{tag: "SET", run: func(c *conn) ([][]string, error) {
		if strings.EqualFold(value, "default") {
			delete(c.gucs, name)
			return nil, nil
		}
		switch name {
		case "client_encoding":
			switch strings.ToUpper(strings.ReplaceAll(value, "-", "")) {
			case "UTF8", "UNICODE":
				value = "UTF8"
			default:
				return nil, &pgError{code: "22023", msg: "Frostgate speaks only the UTF8 client encoding"}
			}
		case "server_version", "server_version_num", "server_encoding", "integer_datetimes", "is_superuser",
			"session_authorization", "max_identifier_length", "in_hot_standby",
			"snowflake.role", "snowflake.database", "snowflake.schema", "snowflake.warehouse":
			return nil, &pgError{code: "55P02", msg: `parameter "` + name + `" cannot be changed`}
		}
		c.gucs[name] = value
		if r, ok := reported[name]; ok {
			c.send(&pgproto3.ParameterStatus{Name: r, Value: value})
		}
		return nil, nil
	}}
}
